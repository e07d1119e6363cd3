import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Layout, type LayoutProps } from './components/layout.tsx';
import type { AppEnv } from './env.ts';

export type PageOptions = Pick<LayoutProps, 'title' | 'asksAboutFeelings' | 'urgentHelpFirst' | 'quickExit' | 'description' | 'structuredData' | 'compact'> & {
  status?: ContentfulStatusCode;
  /** Client modules (source names in src/assets) this page is enhanced with. */
  scripts?: string[];
  /** Stylesheets (source names) this page needs beside the site's own. */
  styles?: string[];
  /** Capability pages (manage links): never indexed, never leak the URL as a referrer. */
  private?: boolean;
};

/** Renders a page in the shell every page uses. */
export async function renderPage(c: Context<AppEnv>, options: PageOptions, content: Child): Promise<Response> {
  const { deps } = c.var;
  const practice = await deps.repos.practice.get();
  const html = await (
    <Layout
      title={options.title}
      description={options.description}
      practice={practice}
      stylesheet={deps.assets.url('styles.css')}
      styles={(options.styles ?? []).map((s) => deps.assets.url(s))}
      font={deps.assets.url('source-serif-4.woff2')}
      scripts={[...new Set(['forms.js', ...(options.scripts ?? []), ...(options.quickExit ? ['quick-exit.js'] : [])])].map((s) => deps.assets.url(s))}
      nonce={c.var.secureHeadersNonce ?? ''}
      path={c.req.path}
      asksAboutFeelings={options.asksAboutFeelings}
      urgentHelpFirst={options.urgentHelpFirst}
      quickExit={options.quickExit}
      structuredData={options.structuredData}
      compact={options.compact}
    >
      {content}
    </Layout>
  ).toString();
  if (options.private) c.set('privatePage', true);
  return c.html(`<!DOCTYPE html>${html}`, options.status ?? 200);
}
