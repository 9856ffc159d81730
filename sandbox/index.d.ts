/** Options of {@link startSandbox}. */
export interface SandboxOptions {
	/** Port on 127.0.0.1; 0 (the default) picks a free one. */
	port?: number;
	/** The `User` part of the Authorization header. Default `sandbox-user-secret`. */
	userSecret?: string;
	/** The `Organization` part of the Authorization header. Default `sandbox-organization-secret`. */
	organizationSecret?: string;
	/** Username for `POST /authentication` (the console login). Default `sandbox.user@sandbox.cloud-elements.invalid`. */
	username?: string;
	/** Its password. Default `sandbox-password`. */
	password?: string;
	/**
	 * JSON file the state is saved to after each change and loaded from at start; file contents over
	 * 64 KB are files in `<dataFile>.blobs/`. Absent: in memory only (large contents in a temp folder
	 * removed by close()).
	 */
	dataFile?: string;
	/**
	 * How much faster than the wall clock the event engine's timers run: a poller "minute" is
	 * 60000 / timeScale ms and the x-th delivery retry waits 4^x s / timeScale. Dates are unaffected
	 * (they come from the sandbox clock). Default 1.
	 */
	timeScale?: number;
	/**
	 * Lifetime in seconds of the access tokens of ShareFile's own OAuth (`/sharefile/<host>/oauth/token`,
	 * sandbox/README.md "ShareFile API v3"), on the sandbox clock. Default 3600; a few seconds makes
	 * refresh happen in tests (also settable with `PUT /_sandbox/sharefile/settings`).
	 */
	shareFileTokenLifetimeSeconds?: number;
}

/** A running sandbox. */
export interface Sandbox {
	/** `http://127.0.0.1:PORT` */
	origin: string;
	/** `${origin}/elements/api-v2`: what a client uses as its Cloud Elements base URL. */
	baseUrl: string;
	port: number;
	/** Absolute path of the data file, when there is one. */
	dataFile?: string;
	timeScale: number;
	/**
	 * Stops pollers, retry timers and deliveries in flight, writes pending state, stops listening and
	 * drops open connections. Nothing keeps the process alive afterwards. Safe to call more than once.
	 */
	close(): Promise<void>;
}

export declare function startSandbox(options?: SandboxOptions): Promise<Sandbox>;

/** The ShareFile consent page (`/sharefile/<host>/oauth/authorize`) as a browser reads it. */
export interface ConsentForm {
	/** The form's action: a path on the sandbox. */
	action: string;
	/** The hidden fields (the authorize request's parameters). */
	fields: URLSearchParams;
	/** The `<select name="account">` options. */
	accounts: Array<{ value: string; selected: boolean; label: string }>;
	html: string;
}

/** Reads the consent page's form, for clients that press Consent without a browser. */
export declare function readConsentForm(html: string): ConsentForm;

export declare const DEFAULT_USER_SECRET: 'sandbox-user-secret';
export declare const DEFAULT_ORGANIZATION_SECRET: 'sandbox-organization-secret';
export declare const DEFAULT_USERNAME: 'sandbox.user@sandbox.cloud-elements.invalid';
export declare const DEFAULT_PASSWORD: 'sandbox-password';
