import { registerMessages } from '@/locales';
import messages from '@/locales/modules/dashboard-extra';

// Importing this module makes the dashboard's extra texts available before it renders.
registerMessages(messages);
