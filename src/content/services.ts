// Text for the services pages. Fees, durations used for booking and who offers each
// service come from the database (services and therapists); this file is the words.

import type { ConcernId, Relationship } from '../domain/types.ts';
import { type Block, COUPLES_COUNSELLING_WAYS, type GuideSectionId, type ListItem, SERVICE_SLUGS, type ServiceSlug } from './guide.ts';

export { SERVICE_SLUGS, type ServiceSlug };

export interface ServiceContent {
  slug: ServiceSlug;
  title: string;
  /** One or two sentences for cards, meta descriptions and the booking form. */
  summary: string;
  /** What happens, step by step. */
  whatHappens: Block[];
  /** Who the service is for. */
  whoFor: ListItem[];
  /** How long, in words (the bookable duration itself comes from the service record). */
  howLong: string;
  /** Default duration in minutes, matching the demo data. */
  durationMinutes: number;
  /** Whether the service is free of charge by default. */
  free: boolean;
  /** The eight ways couples counselling helps (couples counselling only). */
  waysItHelps?: ListItem[];
  /** Relationships the service is for, in the product's vocabulary. */
  relationships: Relationship[];
  /** Concerns therapists offering this service commonly work with. */
  concerns: ConcernId[];
  /** The guide section that explains more. */
  guideAnchor?: GuideSectionId;
  /** Label for the booking button. */
  bookLabel: string;
}

const p = (text: string): Block => ({ kind: 'p', text });
const items = (...texts: string[]): ListItem[] => texts.map((text) => ({ text }));

export const SERVICES_CONTENT: Record<ServiceSlug, ServiceContent> = {
  'initial-consultation': {
    slug: 'initial-consultation',
    title: 'Free initial consultation',
    summary: 'A free, 20-minute conversation with one of our therapists to talk about what is happening and whether therapy could help.',
    whatHappens: [
      p('The initial consultation is a short, relaxed conversation with one of our therapists. There is no charge and no commitment.'),
      {
        kind: 'ol',
        items: [
          { term: 'Tell us a little', text: 'Share as much or as little as you like about what has brought you here.' },
          {
            term: 'Ask your questions',
            text: 'About how therapy works, what it costs, how often people come, confidentiality, or anything else on your mind.',
          },
          {
            term: 'Decide together',
            text: 'Whether couples counselling, individual therapy or psychosexual therapy might suit you, and with whom. You are free to go away and think about it.',
          },
        ],
      },
      p('If you are booking as a couple, you are welcome to join together, but one of you can also come alone to find out more first.'),
    ],
    whoFor: items(
      'Anyone wondering whether therapy could help with a relationship: with a partner, in a family or between friends.',
      'People who are not sure which kind of support is right for them.',
      'Couples who would like to meet a therapist before committing to sessions.',
    ),
    howLong: '20 minutes, free of charge. One conversation, with no obligation to book anything further.',
    durationMinutes: 20,
    free: true,
    relationships: ['couple', 'individual', 'family', 'friendship'],
    concerns: [],
    guideAnchor: 'when-to-seek-support',
    bookLabel: 'Book a free consultation',
  },
  'couples-counselling': {
    slug: 'couples-counselling',
    title: 'Couples counselling',
    summary: 'Sessions for two partners together, to understand what has come between you, talk more openly and find your way back to each other.',
    whatHappens: [
      p('You meet with a counsellor together, in person or online. The counsellor does not take sides: their job is to help both of you be heard.'),
      p(
        'In the first session or two, the counsellor gets to know you both, what brought you, and what you each hope will change. Together you agree what to focus on.',
      ),
      p(
        'After that, sessions are usually weekly or fortnightly. You talk through what is happening between you, practise new ways of talking and listening, and may take away small things to try at home. Now and then you review with your counsellor how things are going and what comes next.',
      ),
      p(
        'Some counsellors may suggest meeting each partner once on their own as well. If so, they will explain why, and agree with you both beforehand how anything said in those sessions will be handled.',
      ),
    ],
    whoFor: items(
      'Couples who feel distant, lonely together or stuck in the same arguments.',
      'Partners rebuilding trust after an affair, a betrayal or a broken promise.',
      'Couples where desire or physical intimacy has faded or become a source of worry.',
      'Couples facing a big change, such as a new baby, illness, redundancy or moving in together.',
      'Couples of any age, gender or sexuality, married or not.',
    ),
    howLong:
      'Each session lasts 50 minutes. Most couples come weekly or fortnightly; how many sessions you have depends on what you bring, and you review it with your counsellor as you go.',
    durationMinutes: 50,
    free: false,
    waysItHelps: COUPLES_COUNSELLING_WAYS,
    relationships: ['couple'],
    concerns: ['communication-barriers', 'trust-issues', 'rebuilding-after-betrayal', 'fear-of-vulnerability', 'emotional-availability', 'sexual-intimacy'],
    guideAnchor: 'couples-counselling',
    bookLabel: 'Book couples counselling',
  },
  'family-counselling': {
    slug: 'family-counselling',
    title: 'Family and friendship counselling',
    summary:
      'Sessions for relatives or close friends who have grown apart or keep clashing, to understand one another again and find a way of being close that works for everyone.',
    whatHappens: [
      p(
        'Two or more of you meet with one counsellor, in person or online. Who comes is up to you: a parent and an adult child, brothers and sisters, a blended family, or two friends whose friendship matters to them.',
      ),
      p(
        'The counsellor starts by hearing from each person in turn about what has happened and what they would like to be different. Nobody is put on the spot, and the counsellor makes sure quieter voices get as much room as louder ones.',
      ),
      p(
        'In later sessions you look at the patterns that keep repeating between you: old roles, things that are never said, arguments that always go the same way. You try out different ways of raising hard subjects and of listening, and you may agree small things to try before the next session.',
      ),
      p(
        'If someone cannot or will not come, the sessions can still go ahead with whoever does. The counsellor may suggest meeting one person on their own now and then, and will always say beforehand how what is said there will be treated.',
      ),
    ],
    whoFor: items(
      'Families where conversations keep ending in arguments, or have stopped altogether.',
      'Parents and grown-up children finding their way after a change such as leaving home, a separation, a new partner or caring for someone who is ill.',
      'Brothers and sisters who have drifted apart or fallen out, for example over a parent or an inheritance.',
      'Close friends who want to repair a friendship after a misunderstanding, a betrayal or a long silence.',
      'Blended families learning how to live and feel at home together.',
    ),
    howLong:
      'Each session lasts 50 minutes. Families and friends often meet every week or every other week; some find a handful of sessions is enough, others come for longer. You decide together with your counsellor and review it as you go.',
    durationMinutes: 50,
    free: false,
    relationships: ['family', 'friendship'],
    concerns: ['family-conflict', 'strained-friendships', 'communication-barriers', 'trust-issues', 'emotional-availability', 'loneliness'],
    guideAnchor: 'what-is-closeness',
    bookLabel: 'Book family or friendship counselling',
  },
  'individual-therapy': {
    slug: 'individual-therapy',
    title: 'Individual therapy',
    summary: 'One-to-one sessions to understand why closeness feels hard, work through what is in the way, and feel more able to let people in.',
    whatHappens: [
      p(
        'You meet with your therapist on your own, in person or online. Sessions are a confidential space to talk about whatever matters to you, at your own pace.',
      ),
      p(
        'Early on, your therapist will ask about what has brought you and what you would like to be different. From there, you explore together: your feelings, the patterns you notice in your relationships, and the experiences and beliefs that may make trust or openness difficult.',
      ),
      p(
        'Over time the focus moves towards change: trying new ways of relating, building confidence and resilience, and noticing progress. You and your therapist review regularly how it is going.',
      ),
    ],
    whoFor: items(
      'People who find it hard to open up, trust others or show how they feel.',
      'Anyone feeling lonely or disconnected, whether or not they are in a relationship.',
      'People whose partner, family member or friend does not want to come to sessions.',
      'Anyone whose self-esteem has been knocked by rejection, a break-up or a difficult family life.',
      'People affected by past hurt or trauma that still shapes their relationships.',
    ),
    howLong: 'Each session lasts 50 minutes, usually weekly. Some people come for a few months, others for longer; you decide together with your therapist.',
    durationMinutes: 50,
    free: false,
    relationships: ['individual', 'family', 'friendship'],
    concerns: ['fear-of-vulnerability', 'trust-issues', 'emotional-availability', 'self-esteem', 'loneliness', 'family-conflict', 'strained-friendships'],
    guideAnchor: 'individual-therapy',
    bookLabel: 'Book individual therapy',
  },
  'psychosexual-therapy': {
    slug: 'psychosexual-therapy',
    title: 'Psychosexual therapy',
    summary: 'A specialist talking therapy, for individuals and couples, that looks at sexual and emotional well-being together.',
    whatHappens: [
      p(
        'You meet with a psychosexual therapist on your own or as a couple, in person or online. Sessions are conversations: there is no examination and nothing physical takes place.',
      ),
      p(
        'Your therapist will ask about the difficulty you are facing, your relationship, your health and your history, always at a pace that feels manageable. It is normal to feel awkward at first; therapists are used to talking about sex plainly and without judgement.',
      ),
      p(
        'Together you explore the emotional side of the difficulty, such as past experiences, patterns between you and a partner, how you see yourself and your body, and what culture or family taught you about sex. Your therapist may suggest gentle exercises to try at home, in private, and you talk about how they went at the next session.',
      ),
    ],
    whoFor: items(
      'Individuals and couples for whom sex has become a worry, a source of conflict or has stopped altogether.',
      'People whose desire, arousal or enjoyment has changed, or who feel anxious about sex.',
      'Anyone whose past experiences affect how safe they feel with physical intimacy.',
      'People of any gender and sexuality, in a relationship or not.',
    ),
    howLong:
      'Each session lasts 50 minutes, usually weekly or fortnightly. How many sessions you need depends on what you bring; you review this with your therapist as you go.',
    durationMinutes: 50,
    free: false,
    relationships: ['couple', 'individual'],
    concerns: ['sexual-intimacy', 'fear-of-vulnerability', 'self-esteem', 'trust-issues'],
    guideAnchor: 'psychosexual-therapy',
    bookLabel: 'Book psychosexual therapy',
  },
};

/** Services in the order they are shown. */
export const SERVICES_IN_ORDER: ServiceContent[] = SERVICE_SLUGS.map((s) => SERVICES_CONTENT[s]);

export function serviceContent(slug: string): ServiceContent | undefined {
  return (SERVICE_SLUGS as readonly string[]).includes(slug) ? SERVICES_CONTENT[slug as ServiceSlug] : undefined;
}
