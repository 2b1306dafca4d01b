import { SELF } from 'cloudflare:test';
import { expect, it } from 'vitest';

it('answers', async () => {
  const res = await SELF.fetch('https://x.test/');
  expect(await res.text()).toBe('ok');
});
