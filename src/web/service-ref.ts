// How a visitor's URL names a service: its random reference (migration 018), which no public answer ties to
// the service, so an address bar, a browser's history or a proxy's log never says which service was chosen.
// Pages still accept a service's id (older links, e-mails), so the reference only changes what links say.
import type { Service } from '../domain/types.ts';

export const serviceRef = (service: Pick<Service, 'id' | 'ref'>): string => service.ref ?? service.id;

/** The service a URL's `service=` names, by its reference or its id. */
export const serviceNamedBy = <S extends Pick<Service, 'id' | 'ref'>>(services: readonly S[], value: string | undefined): S | undefined =>
  value ? services.find((s) => s.ref === value || s.id === value) : undefined;
