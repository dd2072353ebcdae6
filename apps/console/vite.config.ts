import { readFileSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig, type ProxyOptions } from 'vite';

const gateway = 'http://127.0.0.1:4000';
const proxied = ['/graphql', '/export', '/healthz', '/readyz'];
const defaultAppConfig = fileURLToPath(new URL('./public/app-config.js', import.meta.url));

/**
 * The gateway writes /app-config.js from its own settings; while it is not running, `vite dev`
 * answers with the shipped default so the console still starts.
 */
const appConfigProxy: ProxyOptions = {
  target: gateway,
  configure(proxy) {
    proxy.on('error', (_error, _request, response) => {
      if (!('writeHead' in response) || response.headersSent) return;
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      response.end(readFileSync(defaultAppConfig));
    });
  },
};

/**
 * Chunks that change rarely and are shared by many views get their own long-cached files.
 * ECharts is grouped alone so that only the chart views pull it in; Element Plus stays with the
 * automatic splitter so the sign-in page downloads only the few components it renders.
 */
const chunkGroups = [
  { name: 'vue-core', test: /[\\/]node_modules[\\/](\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?(@vue|vue|vue-router|pinia|@intlify|vue-i18n)[\\/]/ },
  { name: 'echarts', test: /[\\/]node_modules[\\/](\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?(echarts|zrender|vue-echarts)[\\/]/ },
];

export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    Components({
      // Our own components are imported explicitly; only Element Plus is resolved on demand.
      dirs: [],
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dts: 'src/components.d.ts',
    }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      ...Object.fromEntries(proxied.map((path) => [path, { target: gateway }])),
      '/app-config.js': appConfigProxy,
    },
  },
  preview: { port: 4173 },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: chunkGroups },
      },
    },
  },
});
