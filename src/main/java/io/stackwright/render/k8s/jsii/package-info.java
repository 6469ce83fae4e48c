/**
 * The jsii kernel that runs cdk8s: its start ahead of the first render. Internal: the public API is
 * listed in docs/library.md.
 */
package io.stackwright.render.k8s.jsii;
