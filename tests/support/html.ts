// Reading the app's HTML in tests: the entities its renderer writes, decoded back to text (&amp; last, so
// "&amp;lt;" stays "&lt;").
export const decodeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
