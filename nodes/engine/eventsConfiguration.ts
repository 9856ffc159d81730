import type { PollerConfiguration } from './pollResource';

export type EventsMode = 'off' | 'polling' | 'webhook';

export interface EventsSettings {
	mode: EventsMode;
	callbackUrl?: string;
	/** Undefined leaves the instance's key as it is; an empty string clears it. */
	signatureKey?: string;
	refreshIntervalMinutes?: number;
	pollerConfiguration?: PollerConfiguration;
}

/**
 * The instance configuration keys that switch events on or off. Values go out as strings,
 * the form Cloud Elements stores and returns; the poller configuration goes as the JSON
 * object the documentation shows.
 */
export function eventsConfigurationKeys(settings: EventsSettings): Record<string, unknown> {
	if (settings.mode === 'off') return { 'event.notification.enabled': 'false' };
	const keys: Record<string, unknown> = {
		'event.notification.enabled': 'true',
		'event.vendor.type': settings.mode,
	};
	if (settings.callbackUrl !== undefined) {
		keys['event.notification.callback.url'] = settings.callbackUrl;
	}
	if (settings.signatureKey !== undefined) {
		keys['event.notification.signature.key'] = settings.signatureKey;
	}
	if (settings.mode === 'polling') {
		if (settings.refreshIntervalMinutes !== undefined) {
			keys['event.poller.refresh_interval'] = String(settings.refreshIntervalMinutes);
		}
		if (settings.pollerConfiguration !== undefined) {
			keys['event.poller.configuration'] = settings.pollerConfiguration;
		}
	}
	return keys;
}
