import { instanceCall } from './instanceCall';

export const { description, execute } = instanceCall('disable', 'DELETE', '/enabled', (id) => ({
	id: Number(id),
	disabled: true,
}));
