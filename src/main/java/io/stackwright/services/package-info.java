/**
 * The services a stack is made of, each one class with its props record, and {@link
 * io.stackwright.services.GenericService} for any image: public API.
 */
package io.stackwright.services;
