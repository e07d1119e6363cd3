// The front door's pages, for tests that visit every one of them (HTTP and browser alike).
export const FRONT_DOOR_PAGES = [
  '/',
  '/guide',
  '/services',
  '/services/couples-counselling',
  '/services/family-counselling',
  '/self-check',
  '/contact',
  '/contact/sent?kind=callback',
  '/contact/sent?kind=message',
  '/privacy',
  '/your-data',
  '/safety',
];
