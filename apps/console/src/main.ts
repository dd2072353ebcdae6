import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { configureRequest } from '@/api/request';
import { runtimeConfig } from '@/config/runtime';
import { currentLocale, i18n, initLocale, translate } from '@/locales';
import { redirectToLogin, router } from '@/router';
import { useAuthStore } from '@/stores/auth';
import App from './App.vue';
import './styles/index.css';

async function start(): Promise<void> {
  const app = createApp(App);
  const pinia = createPinia();
  app.use(pinia);
  app.use(i18n);
  await initLocale();

  const auth = useAuthStore(pinia);
  configureRequest({
    token: () => auth.accessToken,
    locale: currentLocale,
    translate,
    onUnauthenticated: redirectToLogin,
    beforeRequest: () => auth.ensureFresh(),
    refresh: () => auth.refresh(),
  });

  document.title = runtimeConfig().appTitle;
  app.use(router);
  await router.isReady();
  app.mount('#app');
}

void start();
