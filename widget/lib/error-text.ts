import { msg } from '@lit/localize';
import type { RequestError } from '../api/request-error.js';

/** What to tell the user about a failed request, in their language where the code is known. */
export function errorText(error: RequestError): string {
  switch (error.code) {
    case 'network_error':
      return msg('The portal could not be reached. Check your connection.');
    case 'version_conflict':
      return msg('Someone else changed this task meanwhile.');
    case 'access_revoked':
    case 'token_revoked':
      return msg('Your access to this portal has ended.');
    case 'session_ended':
      return msg('You were signed out. Sign in again.');
    case 'invalid_token':
    case 'token_url_failed':
    case 'no_credentials':
      return msg('Your session could not be opened.');
    case 'payload_too_large':
      return msg('This file is too large.');
    case 'rate_limited':
      return msg('Too many requests. Try again in a moment.');
    case 'admin_required':
      return msg('Only admins of your team may do this.');
    case 'capability_required':
      return msg('Your access to this portal does not allow this.');
    case 'ip_not_allowed':
      return msg('This portal cannot be used from your network.');
  }
  if (error.status === 403) return msg('You are not allowed to do this.');
  if (error.status === 404) return msg('This item no longer exists or is not visible to you.');
  if (error.status >= 500) return msg('Something went wrong on our side.');
  // A refused value: the service's reasons, field by field (`ip_allowlist.1: not a CIDR`).
  const details = Array.isArray(error.details) ? (error.details as { path?: unknown; message?: unknown }[]).filter((d) => typeof d?.message === 'string') : [];
  return details.length ? `${error.message}: ${details.map((d) => (d.path ? `${String(d.path)}: ${String(d.message)}` : String(d.message))).join('; ')}` : error.message;
}
