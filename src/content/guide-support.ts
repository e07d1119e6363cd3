// The guide's sections on looking for support: when to, and what couples, individual and psychosexual therapy are.

import { cta, p, ul } from './blocks.ts';
import type { GuideSection } from './guide.ts';
import { COUPLES_COUNSELLING_WAYS } from './guide-ways.ts';

export const SUPPORT_SECTIONS: GuideSection[] = [
  {
    id: 'when-to-seek-support',
    title: 'When to look for professional support',
    summary: 'Recurring difficulties, feeling cut off, or problems too big to tackle alone.',
    blocks: [
      p(
        'Many difficulties with closeness ease with time, effort and honest conversation. Sometimes, though, they do not. It may be time to talk to a professional if:',
      ),
      ul(
        'the same problems keep coming back, however hard you try;',
        'you have tried the ideas in this guide and nothing seems to shift;',
        'you feel cut off from the people you care about, or lonely inside your relationship;',
        'things feel too big, painful or tangled to tackle on your own;',
        'something from the past, such as a betrayal or a trauma, keeps getting in the way.',
      ),
      p(
        'Seeing a therapist is not a sign of failure, and you do not need to be in crisis to come. Therapy offers a safe, confidential space to understand what is going on, to learn new ways of talking and relating, and to find a way forward that fits you.',
      ),
      p(
        'A good place to begin is a free initial consultation. It lasts 20 minutes: you can talk through what is happening, ask questions, and decide together whether therapy might help and which kind would suit you.',
      ),
      cta('book', 'Book a free initial consultation', 'initial-consultation'),
      cta('contact', 'Would you rather talk first? Call us, or ask us to call you back at a time that suits you.'),
    ],
  },
  {
    id: 'couples-counselling',
    title: 'How couples counselling helps',
    summary: 'Eight ways counselling helps couples reconnect, emotionally and physically.',
    blocks: [
      p(
        'Couples counselling gives both partners a supported space to look at what has gone wrong, to find each other again, and to bring warmth back into the relationship, emotionally and physically. It helps in eight main ways.',
      ),
      { kind: 'ol', items: COUPLES_COUNSELLING_WAYS },
      p(
        'Change takes patience and commitment from both partners, and progress is rarely a straight line. But many couples find that, with support, they come to understand each other better than before and feel closer for it.',
      ),
      cta('book', 'Book couples counselling', 'couples-counselling'),
      cta('match', 'Find a couples counsellor who fits you both'),
    ],
  },
  {
    id: 'individual-therapy',
    title: 'How individual therapy helps',
    summary: 'Understanding yourself, your patterns and your past, so that letting people in gets easier.',
    blocks: [
      p(
        'Closeness with other people often starts with understanding ourselves. Getting closer to others can mean facing old wounds, noticing our own patterns, and learning where our boundaries lie. It is a lifelong process of reflection and growth, and it asks for a willingness to be open.',
      ),
      p(
        'Individual therapy gives you time and space to do that work with someone trained to help. Your therapist helps you explore why closeness feels difficult: what you feel, where those feelings come from, and what makes it hard to let people in.',
      ),
      p(
        'Together you can look at beliefs you may hold about yourself or others – “people always leave”, “if I show how I feel I will be pushed away” – and at past experiences that still shape how much you trust. Naming these patterns is often the first step to loosening their grip.',
      ),
      p(
        'Over time, people often find they have new skills and more resilience: they can open up a little more, trust a little more, and feel more satisfied in their friendships, family life and relationships. Individual therapy can help whether or not you are in a relationship, and whether or not anyone else in your life is having support.',
      ),
      cta('book', 'Book individual therapy', 'individual-therapy'),
    ],
  },
  {
    id: 'psychosexual-therapy',
    title: 'How psychosexual therapy helps',
    summary: 'A specialist talking therapy that looks at feelings and sex life together.',
    blocks: [
      p(
        'Psychosexual therapy is a specialist form of talking therapy for individuals and couples. It looks beyond the physical side of sex, recognising that how we feel and how we connect sexually are closely linked. Unresolved emotional difficulties often show up in our sex lives, and sexual difficulties can in turn create emotional distance.',
      ),
      p('A psychosexual therapist explores the emotional influences on a person’s sex life, for example:'),
      ul(
        'difficult or traumatic past experiences;',
        'patterns in the relationship and how partners treat each other;',
        'self-esteem and how you feel about your body;',
        'messages about sex from culture, faith or family.',
      ),
      p(
        'Understanding these helps people see how their habits, thoughts and beliefs may be affecting their sexual satisfaction, and begin to ease the worries, conflicts or insecurities that get in the way.',
      ),
      p(
        'Sessions are conversations; nothing physical takes place. In a calm, non-judgemental setting, individuals and couples learn how to build a secure emotional connection alongside a fulfilling physical one, and many find their whole relationship grows stronger as a result.',
      ),
      cta('book', 'Book psychosexual therapy', 'psychosexual-therapy'),
    ],
  },
];
