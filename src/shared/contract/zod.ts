import { z } from 'zod';

// Russian messages for every schema, server and web alike; a missing field says so plainly.
z.config(z.locales.ru());
z.config({
  customError: (issue) => (issue.input === undefined && issue.code !== 'custom' ? 'Обязательное поле' : undefined),
});

export { z };
