// The exercise library: short, practical things to try between sessions.
// Plain data only. Suggested by self-check results (src/domain/self-check.ts)
// and by check-in trends. Written to suit partners, family members and friends alike.

import type { ConcernId, Dimension } from '../domain/types.ts';

export const EXERCISE_IDS = [
  'open-conversations',
  'sharing-ladder',
  'promise-tracker',
  'presence-plan',
  'reflective-listening',
  'appreciation-jar',
  'quality-time-planner',
  'small-risks-together',
  'self-compassion',
] as const;
export type ExerciseId = (typeof EXERCISE_IDS)[number];

export interface Exercise {
  id: ExerciseId;
  title: string;
  /** One or two sentences for cards and result pages. */
  summary: string;
  /** The dimensions of closeness the exercise mainly works on. */
  dimensions: Dimension[];
  /** Concerns from the taxonomy the exercise speaks to. */
  concerns: ConcernId[];
  /** Roughly how long one go takes, in minutes. */
  minutes: number;
  /** Whether it needs the other person, or can be done alone. */
  together: boolean;
  /** Ordered steps, each a plain sentence or two. */
  steps: string[];
  /** Optional conversation starters or examples. */
  prompts?: string[];
  /** When the product suggests it, in words a visitor can read. */
  whenSuggested: string;
}

export const EXERCISES: readonly Exercise[] = [
  {
    id: 'open-conversations',
    title: 'Open conversations',
    summary: 'A gentle, structured way to talk about things that usually go unsaid: hopes, worries and the things you want more or less of.',
    dimensions: ['cognitive', 'emotional'],
    concerns: ['communication-barriers', 'fear-of-vulnerability'],
    minutes: 20,
    together: true,
    steps: [
      'Agree a time when neither of you is rushed or tired, and somewhere you will not be overheard or interrupted.',
      'Take turns choosing one prompt from the list. The person who chose it answers first; the other only listens.',
      'When the speaker has finished, the listener says back in a sentence or two what they heard, then asks one question to understand more.',
      'Swap roles. Two or three prompts is plenty for one sitting.',
      'Finish by each naming one thing you are glad you heard. Leave problem-solving for another day unless you both want it.',
    ],
    prompts: [
      'Something on my mind lately that I have not mentioned is…',
      'A change I am nervous about is…, and what would help me is…',
      'I feel closest to you when…',
      'Something I would like us to do more of is…',
      'A belief or value that matters a lot to me is…, because…',
      'A question I have always wanted to ask you is…',
    ],
    whenSuggested: 'Suggested when your answers about sharing ideas and feeling understood (cognitive closeness) are lower than the rest.',
  },
  {
    id: 'sharing-ladder',
    title: 'The sharing ladder',
    summary: 'Build the habit of opening up one small step at a time, starting with low-stakes things and moving up only when both of you feel ready.',
    dimensions: ['emotional'],
    concerns: ['fear-of-vulnerability', 'trust-issues', 'rebuilding-after-betrayal'],
    minutes: 15,
    together: true,
    steps: [
      'Each of you privately writes a short list of things you have not told the other, sorted from "easy to share" to "hard to share".',
      'Start on the bottom rung: share one small, low-risk thing each, such as a mildly embarrassing memory or an unusual preference.',
      'The listener responds only with thanks and curiosity, never with teasing, advice or judgement.',
      'Stay on a rung until sharing there feels comfortable for both of you. Then, if you both agree, move one rung up.',
      'Either of you can pause or step back down at any time, without explaining why. Going at the pace of the slower person is the point.',
    ],
    prompts: [
      'Bottom rung: a small habit or preference the other does not know about.',
      'Middle rung: a time you felt left out, proud or embarrassed.',
      'Higher rung: a fear, a hope for the future, or something you regret.',
    ],
    whenSuggested: 'Suggested when your answers about showing feelings and feeling safe to share (emotional closeness) are lower than the rest.',
  },
  {
    id: 'promise-tracker',
    title: 'Promises made and kept',
    summary: 'Trust grows back through small, reliable actions. Keep a simple record of small promises and whether they were kept.',
    dimensions: ['emotional', 'experiential'],
    concerns: ['trust-issues', 'rebuilding-after-betrayal'],
    minutes: 5,
    together: true,
    steps: [
      'Each week, each of you makes one or two small, specific promises, such as "I will call when I am running late" or "I will cook on Thursday".',
      'Write them down where you can both see them, with the day by which each should be kept.',
      'At the end of the week, mark each promise as kept or not kept, together and without blame.',
      'If a promise was not kept, the person who made it says what got in the way and what they will do differently. The other person simply listens.',
      'Keep promises small enough that they can be kept. A run of kept small promises does more for trust than one grand gesture.',
    ],
    whenSuggested: 'Suggested when trust feels shaky: when it does not feel safe to share, or when your emotional-closeness answers are lowest.',
  },
  {
    id: 'presence-plan',
    title: 'A presence plan',
    summary: 'Agree regular, protected time without phones or screens, so that time together is really time together.',
    dimensions: ['experiential'],
    concerns: ['emotional-availability', 'loneliness'],
    minutes: 30,
    together: true,
    steps: [
      'Choose one or two regular moments each week to protect, for example one evening meal or a walk at the weekend.',
      'Agree what "phone-free" means for you: phones in another room, on silent, or face-down in a basket.',
      'During that time, pay attention to the other person: ask about their day and follow up on what they say.',
      'If either of you drifts back to a screen, a light, agreed signal (a word or a gesture) is enough. No telling off.',
      'After a few weeks, talk about how it has felt and whether to add another protected moment.',
    ],
    whenSuggested: 'Suggested when your answers about time together and paying attention to each other (experiential closeness) are lower than the rest.',
  },
  {
    id: 'reflective-listening',
    title: 'Reflective listening and "I" statements',
    summary: 'Two simple tools for difficult conversations: say how you feel without blaming, and check you have understood before you reply.',
    dimensions: ['cognitive', 'emotional'],
    concerns: ['communication-barriers'],
    minutes: 15,
    together: true,
    steps: [
      'Pick a small, real issue, not the biggest one. Set a timer for ten minutes.',
      'The speaker uses an "I" statement: "I feel … when … because … What I would like is …". For example: "I feel lonely when we eat in front of the television, because I miss hearing about your day. I would like us to eat at the table twice a week."',
      'The listener does not answer yet. They reflect back: "So what you are saying is … Have I got that right?"',
      'The speaker corrects or confirms. Repeat until the speaker feels understood.',
      'Only then does the listener respond, also with an "I" statement. Swap roles and repeat.',
      'If things heat up, either person can call a twenty-minute pause. Come back to it; do not drop it.',
    ],
    prompts: [
      'Instead of "You never listen", try "I feel unheard when I am interrupted, and I would like to finish my point."',
      'Instead of "You are always on your phone", try "I miss you when we are both on our phones in the evening."',
    ],
    whenSuggested: 'Suggested when conversations often end in misunderstanding, or when your cognitive or emotional closeness answers are lowest.',
  },
  {
    id: 'appreciation-jar',
    title: 'The appreciation jar',
    summary: 'Notice and say the good things. A small, regular habit of thanks that keeps warmth alive when life is busy.',
    dimensions: ['emotional'],
    concerns: ['self-esteem', 'emotional-availability'],
    minutes: 5,
    together: true,
    steps: [
      'Keep a jar, a shared note or the Companion’s appreciation notes somewhere easy to reach.',
      'A few times a week, each of you adds one short note: something the other did, said or is, that you value.',
      'Be specific: "Thank you for waiting up for me on Tuesday" means more than "Thanks for everything".',
      'Once a week, read the new notes together, or read one aloud at a shared meal.',
      'On a hard day, either of you can take a note out and read it.',
    ],
    whenSuggested: 'Suggested for keeping closeness going when things are already going well, and alongside other exercises when they are not.',
  },
  {
    id: 'quality-time-planner',
    title: 'Quality-time planner',
    summary: 'Plan shared time on purpose, so that busy weeks still include something you both enjoy: a meal, a game night, a walk or a film.',
    dimensions: ['experiential'],
    concerns: ['loneliness', 'emotional-availability'],
    minutes: 10,
    together: true,
    steps: [
      'Each of you lists five things you enjoy doing together, or would like to try, from the very small (a cup of tea outside) to the bigger (a day trip).',
      'Compare lists and circle anything that appears on both, or that one of you is happy to try for the other.',
      'Put one item in the diary for the coming week, with a time. Treat it like any other appointment.',
      'Take turns choosing, so that it is not always one person’s idea of fun.',
      'Afterwards, each say one thing you liked about it.',
    ],
    whenSuggested: 'Suggested when your answers about shared activities and enjoying time together (experiential closeness) are lower than the rest.',
  },
  {
    id: 'small-risks-together',
    title: 'Small risks together',
    summary: 'Trying something a little new side by side builds trust and shared memories: a new recipe, a class, a piece of writing shared aloud.',
    dimensions: ['experiential', 'emotional'],
    concerns: ['trust-issues', 'fear-of-vulnerability', 'rebuilding-after-betrayal'],
    minutes: 60,
    together: true,
    steps: [
      'Together, choose something neither of you has done before and that feels slightly outside your comfort zone, but safe.',
      'Agree beforehand that it does not have to go well. The point is doing it together, not doing it perfectly.',
      'While you do it, notice how you help and encourage each other.',
      'Afterwards, talk about one moment when you relied on the other person, or they on you.',
      'Once it feels right, choose a slightly bigger step, such as sharing something you have written or made.',
    ],
    whenSuggested: 'Suggested when trust needs rebuilding or when shared experiences have become rare.',
  },
  {
    id: 'self-compassion',
    title: 'Self-compassion after hurt',
    summary: 'When opening up has led to rejection or hurt, a few minutes of kindness towards yourself can help you recover and decide what to do next.',
    dimensions: ['emotional'],
    concerns: ['self-esteem', 'loneliness'],
    minutes: 10,
    together: false,
    steps: [
      'Name what you feel, in a word or two: hurt, disappointed, embarrassed, angry. There is no wrong answer.',
      'Let the feeling be there without arguing with it. Notice where you feel it in your body and breathe slowly for a minute.',
      'Ask yourself what you would say to a good friend in the same situation, and say it to yourself, in writing if that helps.',
      'Remind yourself that being turned down or let down says something about a moment, not about your worth.',
      'Think of one person you trust (a friend, a relative or a therapist) and consider telling them what happened.',
      'When the feeling has eased, look back: what did you need, did you say so clearly, and is there anything you would do differently next time?',
    ],
    whenSuggested: 'Shown when you tell the self-check or a check-in that something has recently hurt you.',
  },
];

export function exerciseById(id: string): Exercise | undefined {
  return EXERCISES.find((e) => e.id === id);
}
