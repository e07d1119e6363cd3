// Serving stored pictures (photos, the logo) by their content-hashed file names.
import type { AppDeps } from '../app/deps.ts';
import { imageRepository, type StoredImage } from '../db/repositories/images.ts';

export async function pictureFile(deps: Pick<AppDeps, 'database'>, file: string): Promise<StoredImage | undefined> {
  // Only names we make: a hash, an optional width and a known extension.
  if (!/^[0-9a-f]{20}(-\d{2,4})?\.(avif|webp|jpg|png|svg)$/.test(file)) return undefined;
  return imageRepository(deps.database.db).get(file);
}
