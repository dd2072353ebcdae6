/** The server keeps names short enough for a table cell; so does the form. */
export const NAME_MAX_LENGTH = 100;
