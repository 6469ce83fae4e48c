/**
 * A new project of one's own, as {@code stackwright init} writes it: a Maven build pinned to this
 * library, a stack class, its environment files and a test that keeps {@code dist/} current.
 */
package io.stackwright.starter;
