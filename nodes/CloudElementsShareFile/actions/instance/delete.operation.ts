import { instanceCall } from './instanceCall';

export const { description, execute } = instanceCall('delete', 'DELETE', '', (id) => ({
	id: Number(id),
	deleted: true,
}));
