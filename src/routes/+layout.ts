// Every page is prerendered into static files: the site needs no server of its own.
export const prerender = true;
