/** Work on trees of files that several packages share: deleting a folder and what it holds. */
package io.stackwright.files;
