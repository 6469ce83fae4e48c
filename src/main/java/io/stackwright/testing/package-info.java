/** What a project of one's own tests its stack with: its committed {@code dist/} is current. */
package io.stackwright.testing;
