import { registerMessages } from '@/locales';
import messages from '@/locales/modules/buildings';

// Importing this module (from any view of the area) makes its texts available before it renders.
registerMessages(messages);
