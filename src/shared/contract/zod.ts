import { z } from 'zod';

// Russian messages for every schema, server and web alike; a missing field says so plainly.
z.config(z.locales.ru());
z.config({
  customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'Обязательное поле' : undefined),
});

export { z };
