/** @type {import('next').NextConfig} */
export default {
  reactStrictMode: true,
  // output: 'standalone' runs a server, as next start does
  output: "standalone",
};
