// Runtime settings of the console. The gateway answers /app-config.js from its own configuration;
// this default is what `vite dev` serves when no gateway is running.
window.__DANGJIAN_CONFIG__ = {
  graphqlUrl: '/graphql',
  exportUrl: '/export',
  title: '党建工作平台',
};
