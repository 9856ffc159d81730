/**
 * The Authorization header Cloud Elements expects. Platform calls carry
 * `User <secret>, Organization <secret>`; hub calls append `, Element <instance token>`. The
 * transport asks for the instance part by setting the header to `Element <token>` before the
 * credential is applied, so the secrets are joined in one place only.
 */
export function cloudElementsAuthorization(
	credentials: { userSecret?: unknown; organizationSecret?: unknown },
	requestedAuthorization: unknown,
): string {
	const platform = `User ${String(credentials.userSecret ?? '')}, Organization ${String(
		credentials.organizationSecret ?? '',
	)}`;
	if (typeof requestedAuthorization === 'string' && requestedAuthorization.startsWith('Element ')) {
		return `${platform}, ${requestedAuthorization}`;
	}
	return platform;
}
