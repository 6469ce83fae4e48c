// Runs the jsii kernel (the jsii runtime's lib/program.js, named as the first argument) in this
// process, talking to the JVM over this process's standard input and output.
//
// The jsii runtime's own entry point starts a second Node.js process for the kernel and relays
// every request and response between the JVM's pipes and that child's fd 3. Each cdk8s call then
// crosses two extra pipes and an event loop; a synth makes thousands of calls. Here the kernel
// reads fd 3, which the shell that starts this script opens as a copy of standard input (3<&0),
// and what the kernel writes to fd 3 goes to standard output. Anything else written to standard
// output (console.log in a construct) would corrupt the protocol, so it is sent on standard error
// as {"stdout": base64}, which the JVM side decodes, as the relay does.
'use strict';
const fs = require('fs');
const { Writable } = require('stream');

const writeSync = fs.writeSync;
fs.writeSync = function (fd, ...rest) {
  return writeSync.call(this, fd === 3 ? 1 : fd, ...rest);
};

Object.defineProperty(process, 'stdout', {
  configurable: true,
  enumerable: false,
  value: new Writable({
    write(chunk, encoding, callback) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding);
      writeSync(2, JSON.stringify({ stdout: buffer.toString('base64') }) + '\n');
      callback();
    },
  }),
});

require(process.argv[2]);
