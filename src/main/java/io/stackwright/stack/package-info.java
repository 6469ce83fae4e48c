/**
 * Stack definitions: {@link io.stackwright.stack.StackDefinition}, implemented by a stack of one's
 * own or by the flagship {@link io.stackwright.shop.ShopStack}, and {@link
 * io.stackwright.stack.Stack}, the scope services are added to: public API.
 */
package io.stackwright.stack;
