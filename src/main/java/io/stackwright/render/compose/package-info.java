/** The Compose renderer. Internal: the public API is listed in the README. */
package io.stackwright.render.compose;
