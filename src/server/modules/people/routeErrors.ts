import { ZError } from '../../../shared/contract/common.ts';

export const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };
