// Frequently asked questions, as plain text (rendered as paragraphs, and as schema.org FAQPage data).

export interface FaqEntry {
  /** Stable anchor id. */
  id: string;
  question: string;
  /** Plain-text paragraphs. */
  answer: string[];
}

export const FAQ: readonly FaqEntry[] = [
  {
    id: 'examples-of-closeness',
    question: 'What does emotional closeness look like in different kinds of relationship?',
    answer: [
      'With a partner, it might mean being able to talk about your hopes and fears – whether to start a family, say, or something difficult at work – and trusting that you will be listened to rather than judged.',
      'In a family, it might mean being able to tell a brother or sister how things are really going, good and bad, without bracing for criticism; asking a parent what they think about a big choice; or telling a relative about something new you are excited by.',
      'Between friends, it might mean being able to say how you honestly feel, even when the feeling is not a comfortable one: talking through a break-up, or admitting you are nervous about something coming up.',
      'What these have in common is safety: the sense that you can be yourself and still be accepted.',
    ],
  },
  {
    id: 'rebuilding-trust',
    question: 'How can we rebuild trust after it has been damaged?',
    answer: [
      'Rebuilding trust is gradual, and it needs effort from everyone involved. It usually starts with naming what happened honestly. If the breach was yours, that means acknowledging it, apologising sincerely, and then showing through your actions, over time, that things have changed.',
      'Small, regular steps help. You might start by sharing small things you have not told each other before, and only go further as trust grows; make modest promises and keep every one of them; or try something new together that involves a little risk, such as a class or sharing something personal you have written.',
      'Expect setbacks, be patient with each other, and notice the progress you make. If you feel stuck, couples counselling can guide you through it.',
    ],
  },
  {
    id: 'when-to-seek-help',
    question: 'When should I think about getting professional help?',
    answer: [
      'It is worth talking to a therapist if the same difficulties keep returning, if you feel cut off from people you care about, or if you have tried to improve things yourself and nothing seems to change. You do not need to wait until things are at breaking point.',
      'Therapy can help you understand the patterns behind the distance, find clearer and kinder ways to say what you need, and learn ways of building and keeping close relationships. Our self-check shows a simple, visible rule for when we suggest support, and the reason.',
      'If you ever feel afraid of someone close to you, or are being harmed, please use the urgent-help numbers shown on this page first.',
    ],
  },
  {
    id: 'first-session',
    question: 'What happens at a first session?',
    answer: [
      'Most people start with a free 20-minute initial consultation: a chance to say a little about what is happening, ask questions and decide whether therapy feels right, with no obligation.',
      'At your first full session, which lasts 50 minutes, your therapist will ask what has brought you, what you would like to change and a little about your background. You only share what you are comfortable sharing. Together you agree what to focus on and how often to meet.',
      'It is completely normal to feel nervous. Your therapist will go at your pace.',
    ],
  },
  {
    id: 'confidentiality',
    question: 'Is what I say confidential?',
    answer: [
      'Yes. What you talk about in sessions stays between you and your therapist (and, in couples work, your partner). Therapists discuss their work in confidential clinical supervision, as their professional bodies require, without sharing anything that identifies you.',
      'There are rare exceptions: if your therapist believes you or someone else is at serious risk of harm, or if the law requires it, they may need to share information. Where they can, they will talk to you about this first.',
      'Nothing you enter in the self-check is stored. How we handle the information you give us when you book or contact us is explained in our privacy notice.',
    ],
  },
  {
    id: 'online-or-in-person',
    question: 'Can I have sessions online, or do I need to come in person?',
    answer: [
      'Many of our therapists offer both. Online sessions work well for many people and can make it easier to fit therapy into a busy week or to see a therapist who speaks your language. In-person sessions suit people who prefer to be in the room or who find it hard to get privacy at home.',
      'Each therapist’s profile shows which formats they offer, and you can filter by format when you look for a match. For online sessions you will need a private, quiet space and a reliable internet connection.',
    ],
  },
  {
    id: 'cost',
    question: 'How much does it cost?',
    answer: [
      'The initial consultation is free. Fees for 50-minute sessions vary by therapist and service, and are shown on each therapist’s profile and on the booking page before you confirm anything.',
      'If cost is a worry, mention it when you get in touch or at your initial consultation, and we will talk it through with you.',
    ],
  },
];

/** One answer as a single plain-text string. */
export function faqAnswerText(entry: FaqEntry): string {
  return entry.answer.join('\n\n');
}

/** schema.org FAQPage data, as a plain object; the page serialises it into JSON-LD. */
export function faqPageSchema(entries: readonly FaqEntry[] = FAQ): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    mainEntity: entries.map((e) => ({
      '@type': 'Question',
      name: e.question,
      acceptedAnswer: { '@type': 'Answer', text: faqAnswerText(e) },
    })),
  };
}
