/**
 * The Kubernetes renderer (cdk8s, cdk8s-plus). Internal: the public API is listed in
 * docs/library.md.
 */
package io.stackwright.render.k8s;
