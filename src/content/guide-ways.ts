// The eight ways couples counselling helps (used by the guide and the services page).
import type { ListItem } from './blocks.ts';

/** The eight ways couples counselling helps (used by the guide and the services page). */
export const COUPLES_COUNSELLING_WAYS: ListItem[] = [
  {
    term: 'A safe, neutral space',
    text: 'The counsellor does not take sides. Each of you can speak openly without being judged or criticised, which makes it possible to be honest about difficult things.',
  },
  {
    term: 'Finding what lies underneath',
    text: 'Through careful listening and questions, the counsellor helps you uncover what is really driving the distance: old hurts, patterns in how you talk to each other, or insecurities either of you carries.',
  },
  {
    term: 'Better ways of talking',
    text: 'You learn practical ways to express feelings, needs and wishes, and to listen with empathy. Being clear and being kind turn out not to be opposites.',
  },
  {
    term: 'Rebuilding trust',
    text: 'Where trust has been broken, the counsellor guides you through steps to restore it: being more open with each other and, over time, feeling safe together again.',
  },
  {
    term: 'Room to be vulnerable',
    text: 'Counselling helps each of you share fears, hopes and longings you may have kept to yourselves. When these are met with acceptance, emotional closeness grows.',
  },
  {
    term: 'Talking about physical intimacy',
    text: 'Sexual difficulties can weigh heavily on a relationship. The counsellor helps you talk about desire, preferences and worries, and work together towards a physical relationship that suits you both.',
  },
  {
    term: 'Things to try between sessions',
    text: 'You may be given exercises to do together, such as planned time, shared activities or structured conversations, to rebuild connection and spark.',
  },
  {
    term: 'Handling conflict well',
    text: 'Distance often surfaces as arguments. You learn to disagree without doing damage, using empathy, listening and compromise, so that conflict becomes something you work through together.',
  },
];
