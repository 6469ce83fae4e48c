/** What both renderers share. Internal: the public API is listed in the README. */
package io.stackwright.render;
