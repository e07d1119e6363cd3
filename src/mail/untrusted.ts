// Text a visitor typed that an e-mail repeats (a name in "Dear …" or in an invitation) goes to an address
// the visitor chose, so it must not make the practice carry their message: it is kept short, stripped of
// control characters, and left out entirely when it looks like a link, an address or a phone number.
// Mail that repeats it says whose words they are.

/** Looks like something to visit or contact rather than a name: a URL, a domain, an e-mail address, a number. */
const CARRIES_A_MESSAGE = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.|@|\b[\p{L}\p{N}-]+\.(?:[a-z]{2,})\b|\d{4,}|[<>{}[\]\\|])/iu;

export const MAX_NAME_IN_MAIL = 40;

/** Control, zero-width and direction-changing characters: nothing a name needs. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f]+/g;

/** The name as an e-mail may show it, or null when it should not appear at all. */
export function nameForMail(typed: string, max = MAX_NAME_IN_MAIL): string | null {
  const plain = typed.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  if (plain === '' || CARRIES_A_MESSAGE.test(plain)) return null;
  return [...plain].length > max
    ? `${[...plain]
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
    : plain;
}

/** "Dear Ana," or, when the typed name should not appear, "Hello,". */
export function greeting(typedName: string): string {
  const name = nameForMail(typedName);
  return name ? `Dear ${name},` : 'Hello,';
}
