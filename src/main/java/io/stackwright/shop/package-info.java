/**
 * The flagship shop stack, built with the library as a stack of one's own is: an example to run and
 * to learn from, outside the library's packages.
 */
package io.stackwright.shop;
