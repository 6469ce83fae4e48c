/**
 * The Kubernetes renderer (cdk8s, cdk8s-plus). Internal: the public API is listed in the README.
 */
package io.stackwright.render.k8s;
