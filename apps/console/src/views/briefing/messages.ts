import { registerMessages } from '@/locales';
import messages from '@/locales/modules/briefing';

// Imported by every component of the area, so its texts are there before anything renders.
registerMessages(messages);
