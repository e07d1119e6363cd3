// A service's reference in visitors' URLs (migration 018): random, so nothing public ties it to the service.
import { randomBytes } from 'node:crypto';

/** 96 random bits in 16 URL-safe characters. */
export const newServiceRef = () => randomBytes(12).toString('base64url');
