// Runtime settings of the console. The gateway serves its own version of this file; this default
// is what `vite dev` answers with when no gateway is running.
window.__DANGJIAN_CONFIG__ = {
  graphqlUrl: '/graphql',
  appTitle: '陇海马路街道党建工作平台',
  defaultLocale: 'zh-CN',
};
