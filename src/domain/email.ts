// E-mail addresses as compared and looked up: trimmed and lower-cased. Pure.

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
