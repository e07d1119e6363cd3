// The Guide: a long-form page about emotional closeness, as structured data.
// No HTML here: templates render (and escape) every block.

export * from './blocks.ts';
export { COUPLES_COUNSELLING_WAYS } from './guide-ways.ts';

import { type Block, blocksToText, cta, h3, ol, p, ul, wordCount } from './blocks.ts';
import { SUPPORT_SECTIONS } from './guide-support.ts';

export const GUIDE_SECTION_IDS = [
  'what-is-closeness',
  'three-dimensions',
  'intimacy-issues',
  'effects',
  'understanding-and-listening',
  'signs-of-closeness',
  'signs-of-distance',
  'building-closeness',
  'keeping-close',
  'cultural-differences',
  'rejection-and-hurt',
  'when-to-seek-support',
  'couples-counselling',
  'individual-therapy',
  'psychosexual-therapy',
] as const;
export type GuideSectionId = (typeof GUIDE_SECTION_IDS)[number];

export interface GuideSection {
  /** Stable anchor id; do not change once published. */
  id: GuideSectionId;
  title: string;
  /** One line for the contents list and the related-topics strip. */
  summary: string;
  blocks: Block[];
}

export interface LastReviewed {
  by: string;
  /** YYYY-MM-DD */
  on: string;
}

/** Default "last reviewed by" line; the practice edits it in settings. */
export const LAST_REVIEWED_DEFAULT: LastReviewed = { by: 'The clinical team', on: '2026-11-01' };

export const GUIDE_TITLE = 'Emotional closeness: a guide';

export const GUIDE_INTRO: Block[] = [
  p(
    'Emotional closeness is what lets us feel truly known by the people who matter to us. This guide explains what it is, how to tell when it is there and when it is missing, what tends to get in its way, and what you can do about it: on your own, together, or with the help of a therapist.',
  ),
  p(
    'It is written for anyone thinking about a relationship with a partner, a relative or a friend. Read it from start to finish, or use the contents list to go straight to the part you need.',
  ),
];

export const GUIDE_SECTIONS: GuideSection[] = [
  {
    id: 'what-is-closeness',
    title: 'What emotional closeness is',
    summary: 'Being known and accepted, with a partner, in a family and between friends.',
    blocks: [
      p(
        'Emotional closeness, often called emotional intimacy, is the sense of being genuinely known by someone. It goes deeper than swapping news about your day. It means letting another person see what goes on inside you – what you think and feel, what frightens you, what you hope for – and finding that they respond with warmth and acceptance rather than judgement.',
      ),
      p(
        'When that happens, a relationship becomes a safe place to be yourself. Trust grows, honesty gets easier, and both people feel understood. When closeness fades, the opposite tends to happen: people drift apart, feel unheard or misread, and can end up lonely inside a relationship that looks fine from the outside.',
      ),
      p('Closeness is not only for couples. It matters in every relationship where we want to be ourselves.'),
      h3('With a partner'),
      p(
        'In a romantic relationship, closeness often lives in small things: a look across a crowded room, a hand on a shoulder, remembering what was worrying the other person yesterday. Moments like these tell each partner that they belong and are accepted as they are. When they become rare, warmth and desire can fade too, and the relationship may start to feel hollow even though nothing obvious has gone wrong.',
      ),
      h3('In families'),
      p(
        'Between parents and children, brothers and sisters, and the wider family, closeness is much of what keeps people connected through the years: the sense that love, understanding and help are there without having to be earned. When it is missing, family ties can become brittle, and people may find themselves wishing for a closeness they are not sure how to reach.',
      ),
      h3('Between friends'),
      p(
        'Good friendships give us somewhere to be honest, to be silly, and to be looked after when life is hard. A close friend is someone who knows the real story, not just the highlights. Friendships can lose that depth quietly, sliding into catching up on news without ever really talking.',
      ),
      cta('self-check', 'Thinking about one relationship in particular? The self-check takes about five minutes, and nothing you enter is stored.'),
    ],
  },
  {
    id: 'three-dimensions',
    title: 'Three kinds of closeness',
    summary: 'Cognitive, experiential and emotional closeness, and why the thinnest strand matters.',
    blocks: [
      p(
        'Closeness has several strands. It helps to think of three, because a relationship can be strong in one and thin in another. They are also the three areas our self-check and weekly check-ins look at.',
      ),
      ul(
        [
          'Cognitive closeness: sharing your thinking',
          'Being able to talk about ideas, opinions, values and beliefs. It is there when you can disagree happily with a friend about politics, or pull apart a novel with your partner, and come away feeling respected rather than dismissed.',
        ],
        [
          'Experiential closeness: sharing life',
          'Doing things side by side. A trip somewhere new, a joint project, cooking together, or just being happy in one another’s company on an ordinary evening all count.',
        ],
        [
          'Emotional closeness: sharing feelings',
          'Being able to show the whole range of what you feel, from delight to grief, and to receive the other person’s feelings in return. It is there when you could let the tears come while someone is with you, or own up to a fear, without worrying how they will react.',
        ],
      ),
      p(
        'None of these matters more than the others, and different relationships lean on them differently. A friendship built around a shared hobby may be rich in experiences and lighter on deep conversation; a long marriage might be full of understanding yet short on time spent enjoying each other. Noticing which strand is thinnest is often the most useful first step.',
      ),
    ],
  },
  {
    id: 'intimacy-issues',
    title: 'What gets in the way',
    summary: 'Four common difficulties: fear of vulnerability, communication, trust and emotional availability.',
    blocks: [
      p(
        'Difficulties with closeness are very common, and they are nobody’s fault. Most grow from somewhere understandable: earlier experiences, habits learned while growing up, or the pressures of life right now. Working through them takes courage, patience, empathy and honest conversation, and many people find that a counsellor or therapist helps them to make sense of what has happened and to heal. Four difficulties come up again and again.',
      ),
      ol(
        [
          'Fear of vulnerability',
          'Some people find it hard to open up and let others see who they really are, often because they expect to be judged or turned away, or because they were hurt when they did so before.',
        ],
        [
          'Communication barriers',
          'When it is hard to put feelings, thoughts or needs into words – or hard to hear them from someone else – understanding between people struggles to grow.',
        ],
        [
          'Trust issues',
          'Having been betrayed, let down or harmed in the past can make it hard to trust fully again. People may stay on their guard, which keeps others at arm’s length even when they long to be close.',
        ],
        [
          'Difficulty being emotionally available',
          'Some people struggle to get in touch with their own feelings, or to tune in to someone else’s, which makes a real emotional connection hard to reach.',
        ],
      ),
      cta('match', 'If one of these sounds familiar, a few questions can point you to a therapist who works with it.'),
    ],
  },
  {
    id: 'effects',
    title: 'How it shows up in relationships',
    summary: 'Six common effects, from drifting friendships to loneliness and less sexual intimacy.',
    blocks: [
      p('When closeness is missing, the effects can reach into many parts of life. Six are especially common.'),
      ul(
        ['Friendships that thin out', 'Friends drift apart. Time together stays on the surface, and the support a good friend can offer is lost.'],
        [
          'Romantic relationships under strain',
          'Partners can lose both emotional and physical connection. Desire fades, arguments become more frequent, and each may feel alone with the other.',
        ],
        [
          'Family ties that fray',
          'Old disagreements go unresolved, conversations become tense or stop altogether, and the family no longer feels like a source of warmth and help.',
        ],
        ['Self-esteem that suffers', 'People can start to wonder whether they deserve love and care at all, and feel that they are somehow not enough.'],
        ['Loneliness', 'Without deep connections it is possible to feel isolated and unfulfilled even in a busy household or a crowded room.'],
        [
          'Less sexual intimacy',
          'Emotional distance often shows up physically too, as less sex, less affection and a fading sense of passion between partners.',
        ],
      ),
      p(
        'If sexual difficulties are part of what you are facing, psychosexual therapy looks at the physical and emotional sides together. You can read how it helps towards the end of this guide.',
      ),
    ],
  },
  {
    id: 'understanding-and-listening',
    title: 'Understanding and active listening',
    summary: 'The two skills underneath almost every close relationship.',
    blocks: [
      p('Two skills sit underneath almost every close relationship: understanding, and listening well.'),
      p(
        'Understanding means trying to feel your way into what the other person is going through: imagining their situation from the inside, and caring about how it feels to them, even if you would have reacted differently.',
      ),
      p(
        'Active listening is more than staying quiet while someone talks. It means noticing tone of voice, facial expression and posture as well as words; asking questions when something is unclear; and saying back what you think you heard, so that the other person can put you right if you have misunderstood.',
      ),
      ul(
        'Give the conversation your full attention: put your phone face down and turn towards the person.',
        'Let them finish before you respond, and resist the urge to fix, reassure or defend straight away.',
        'Check your understanding: “It sounds as if you felt left out on Saturday – is that right?”',
        'Ask open questions that begin with “what” or “how”, rather than ones that can be answered yes or no.',
        'Notice feelings as well as facts, and name them gently.',
      ),
      p(
        'Listening like this is a skill, not a personality trait. It can feel clumsy at first and gets easier with practice. The reflective listening exercise in our library gives you a simple way to practise together.',
      ),
    ],
  },
  {
    id: 'signs-of-closeness',
    title: 'Signs that closeness is there',
    summary: 'Five signs of a relationship with real emotional closeness.',
    blocks: [
      p('It is worth noticing what is working, not only what is not. These are five signs that a relationship has real emotional closeness.'),
      ul(
        [
          'Feeling safe to share',
          'You can tell them about something that is weighing on you, such as trouble at work, and trust that they will take it seriously.',
        ],
        ['Being listened to and respected', 'They hear you out and value your point of view, even when they see things differently.'],
        ['Conversations and moments that matter', 'You talk about hopes and plans, not only practicalities, and you share times of fun and laughter.'],
        ['Openness and attention', 'You are both willing to let your guard down, and when you are together you set distractions aside and are really there.'],
        ['Support both ways', 'Whether things are going well or badly, you can lean on each other and cheer each other on.'],
      ),
    ],
  },
  {
    id: 'signs-of-distance',
    title: 'Signs that closeness is missing',
    summary: 'Five signs that a relationship has grown distant.',
    blocks: [
      p('When closeness has worn thin, a relationship can feel tense or far away. These five signs are worth paying attention to.'),
      ul(
        ['Holding back', 'You keep your thoughts and feelings to yourself, and the real you stays hidden.'],
        ['Lonely together', 'You feel alone even when you are in the same room, as if you are living alongside each other rather than with each other.'],
        [
          'Conversations that go wrong',
          'Misunderstandings are frequent, or you rarely talk about anything that matters, leaving both of you frustrated and further apart.',
        ],
        ['Worrying about being judged', 'You expect criticism if you open up, so you feel unsure of yourself and pull back.'],
        ['Feeling unseen', 'It seems that your needs and feelings do not register, as if you do not really count in the relationship.'],
      ),
      p(
        'Recognising some of these signs does not mean a relationship is failing. Most relationships go through distant spells. What matters is noticing them, and deciding what, if anything, you want to do.',
      ),
      cta(
        'self-check',
        'The self-check turns these signs into fifteen short statements and shows how each kind of closeness is doing, with ideas to try next.',
      ),
    ],
  },
  {
    id: 'building-closeness',
    title: 'Five ways to build closeness',
    summary: 'Open conversations, sharing vulnerabilities, rebuilding trust, being present and communicating with care.',
    blocks: [
      p(
        'Closeness grows slowly. It needs time, patience, openness and effort from both sides. These five approaches help, and each has a matching exercise in our library.',
      ),
      h3('1. Open conversations'),
      p(
        'Talk about the things that usually go unsaid: feelings, wishes and worries that may be keeping you at a distance. If, say, you are anxious about changing jobs, tell the person close to you what scares you about it and ask what they think. Opening the door matters more than finding perfect words.',
      ),
      h3('2. Sharing what makes you vulnerable'),
      p(
        'Let people see what goes on inside you, even when that feels uncomfortable. That might mean telling a friend about something you are struggling with, or telling your partner about a hope you have never mentioned. It takes trust – in the other person, and in yourself to cope with however they respond – so start small and build up.',
      ),
      h3('3. Rebuilding trust'),
      p(
        'Where old hurts or fears have damaged trust, they need to be talked about honestly. That usually means owning mistakes, apologising and meaning it, and then showing through your behaviour, week after week, that you can be relied on.',
      ),
      ul(
        ['Share small things first', 'Tell each other something minor you have never mentioned, and only move on to bigger things as trust grows.'],
        ['Make small promises and keep them', 'Reliability in little things is what makes trust in big things possible.'],
        ['Take small risks together', 'Try something new side by side, such as a class or a recipe, or share something personal you have written.'],
      ),
      h3('4. Being present'),
      p(
        'The quality of time together matters more than the amount. Put phones away at meals, set aside regular time just to talk, and choose activities that bring you together: cooking a meal, a walk somewhere green, a game at the kitchen table.',
      ),
      h3('5. Communicating with care'),
      p(
        'Say what you feel and need clearly, and listen with curiosity. “I” statements (“I feel worried when…”) help you speak without blaming. Reflective listening (“So what you are saying is…”) helps you check that you have understood. Try not to interrupt, and notice when you start to feel defensive.',
      ),
      cta('self-check', 'Not sure where to start? The self-check suggests exercises based on your own answers.'),
    ],
  },
  {
    id: 'keeping-close',
    title: 'Keeping close over time',
    summary: 'Weekly check-ins, protected time together and regular appreciation.',
    blocks: [
      p(
        'Closeness is not something you achieve once and then keep. Ordinary life puts pressure on even strong relationships: demanding jobs, caring for children or parents, illness, money worries, moving home. A few habits help a relationship weather all that.',
      ),
      ul(
        [
          'A weekly check-in',
          'Set aside a regular time each week to talk honestly about how things are: what has been good, what has been hard, and what each of you needs in the week ahead. Our companion can help you schedule and structure it.',
        ],
        [
          'Protected time together',
          'However busy life gets, make room for shared moments: an evening out, a family games night, or a film on the sofa under a blanket. It does not need to be elaborate; it just needs to happen.',
        ],
        [
          'Regular appreciation',
          'Do not assume people know they are valued. Tell them, show them through what you do, and notice the small things they do for you.',
        ],
      ),
      p('If your check-ins show that things have felt hard for several weeks running, that is a good moment to think about extra support.'),
    ],
  },
  {
    id: 'cultural-differences',
    title: 'Closeness across cultures',
    summary: 'People show closeness differently; curiosity helps more than assumptions.',
    blocks: [
      p(
        'People show closeness in very different ways, and much of that is shaped by culture, faith, family background and generation. In some families feelings are talked about openly; in others, care is shown through practical help, through food, or simply by turning up. A question that feels warm and interested in one setting can feel intrusive in another.',
      ),
      p(
        'There is no single right way to be close. If the people you love come from a different background from you, or if you and a partner grew up with different expectations, it helps to be curious rather than to assume. Ask how they show care and how they like to receive it, and share your own answers too.',
      ),
      p('If culture, faith or language matter to you in therapy, you can look for a therapist who speaks your language or has experience of your background.'),
      cta('match', 'Our matching questions let you say what matters to you, including language and culture.'),
    ],
  },
  {
    id: 'rejection-and-hurt',
    title: 'When opening up hurts',
    summary: 'Looking after yourself after rejection or hurt, with self-compassion.',
    blocks: [
      p(
        'Letting someone in always carries a risk. Sometimes we share something important and the response is not what we hoped for: dismissal, criticism or silence. That can hurt a great deal. If it happens to you, these steps can help.',
      ),
      ul(
        ['Notice what you feel', 'Let yourself feel hurt or disappointed, without telling yourself that you should not.'],
        [
          'Be kind to yourself',
          'Treat yourself as you would treat a friend in the same position. Being turned away says something about that moment, not about your worth.',
        ],
        ['Talk to someone you trust', 'A friend, a relative or a therapist can help you make sense of what happened and see it in proportion.'],
        [
          'Look back when you are ready',
          'With a little distance, ask what you can learn. Were your needs clear? Were there warning signs you passed over? What might you do differently? Treat it as something to grow from, not as proof that you should stop trying.',
        ],
      ),
      p('The self-compassion exercise in our library walks through these steps one at a time.'),
      {
        kind: 'note',
        text: 'If you feel afraid of someone close to you, or they are hurting you, your safety comes first. The urgent-help information on this page lists people you can talk to now, in confidence.',
      },
    ],
  },
  ...SUPPORT_SECTIONS,
];

export interface Guide {
  title: string;
  intro: Block[];
  sections: GuideSection[];
}

export const GUIDE: Guide = { title: GUIDE_TITLE, intro: GUIDE_INTRO, sections: GUIDE_SECTIONS };

/** The contents list, in order. */
export function guideContents(): { id: GuideSectionId; title: string }[] {
  return GUIDE_SECTIONS.map((s) => ({ id: s.id, title: s.title }));
}

export function guideSection(id: string): GuideSection | undefined {
  return GUIDE_SECTIONS.find((s) => s.id === id);
}

export function guideWordCount(): number {
  return wordCount(blocksToText(GUIDE_INTRO)) + GUIDE_SECTIONS.reduce((n, s) => n + wordCount(s.title) + wordCount(blocksToText(s.blocks)), 0);
}

export interface RelatedTopic {
  id: string;
  title: string;
  summary: string;
  /** Either an in-guide anchor ("/guide#id") or another page's path. */
  href: string;
  /** Set when the topic is a section of the guide. */
  anchor?: GuideSectionId;
}

const topicFromSection = (id: GuideSectionId, title?: string): RelatedTopic => {
  const s = GUIDE_SECTIONS.find((x) => x.id === id);
  return { id, title: title ?? s?.title ?? id, summary: s?.summary ?? '', href: `/guide#${id}`, anchor: id };
};

/** The related-topics strip, in order. It never moves on its own. */
export const RELATED_TOPICS: RelatedTopic[] = [
  {
    id: 'self-check',
    title: 'Check in with yourself',
    summary: 'Fifteen statements and one picture: a private reflection on one relationship.',
    href: '/self-check',
  },
  topicFromSection('three-dimensions'),
  topicFromSection('building-closeness'),
  topicFromSection('keeping-close'),
  topicFromSection('rejection-and-hurt'),
  topicFromSection('couples-counselling'),
  topicFromSection('individual-therapy'),
  topicFromSection('psychosexual-therapy'),
  {
    id: 'match',
    title: 'Find your match',
    summary: 'A few questions, then therapists who fit, each with the reasons why.',
    href: '/match',
  },
];
