/** What both renderers share. Internal: the public API is listed in docs/library.md. */
package io.stackwright.render;
