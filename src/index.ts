/** Worker entry (placeholder while the app is built). */
export default {
  async fetch(): Promise<Response> {
    return new Response('ok');
  },
} satisfies ExportedHandler;
