/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'export',
  distDir: "_static",
};

module.exports = nextConfig;
