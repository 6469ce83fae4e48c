package io.stackwright.validate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Each rule on crafted manifests: a good stack passes every rule, and one change to it breaks
 * exactly the rule meant, naming the object and the field.
 */
class PolicyRulesTest {

  /** A small stack that follows every rule. */
  static final String GOOD =
      """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: shop
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: default-deny
        namespace: shop
      spec:
        podSelector: {}
        policyTypes: [Ingress, Egress]
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: web-api
        namespace: shop
      spec:
        podSelector: {matchLabels: {app: web}}
        policyTypes: [Egress]
        egress:
          - to:
              - ipBlock:
                  cidr: 10.0.0.1/32
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: web-env
        namespace: shop
      data:
        LOG_LEVEL: info
        DB_PASSWORD_FILE: /run/secrets/db-password
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: web-conf
        namespace: shop
      data:
        nginx.conf: "http {\\n  set_real_ip_from 10.48.0.0/14;\\n}\\n"
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: web
        namespace: shop
      spec:
        selector:
          app: web
        ports:
          - name: http
            port: 80
            targetPort: http
          - name: metrics
            port: 9090
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
      spec:
        replicas: 2
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            automountServiceAccountToken: false
            securityContext:
              runAsNonRoot: true
              seccompProfile:
                type: RuntimeDefault
            containers:
              - name: web
                image: ghcr.io/acme/web:1.2.3
                ports:
                  - name: http
                    containerPort: 8080
                  - name: metrics
                    containerPort: 9090
                envFrom:
                  - configMapRef:
                      name: web-env
                env:
                  - name: API_TOKEN_FILE
                    value: /run/secrets/api-token
                resources:
                  requests: {cpu: 100m, memory: 128Mi}
                  limits: {cpu: 500m, memory: 128Mi}
                readinessProbe:
                  httpGet: {path: /ready, port: 8080}
                livenessProbe:
                  httpGet: {path: /live, port: 8080}
                securityContext:
                  allowPrivilegeEscalation: false
                  readOnlyRootFilesystem: true
                  runAsUser: 10001
                  capabilities:
                    drop: [ALL]
                volumeMounts:
                  - name: tmp
                    mountPath: /tmp
                  - name: db-password
                    mountPath: /run/secrets/db-password
                    subPath: password
            volumes:
              - name: tmp
                emptyDir: {}
              - name: db-password
                secret:
                  secretName: db-credentials
                  items:
                    - key: password
                      path: password
      ---
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata:
        name: web
        namespace: shop
      spec:
        maxUnavailable: 1
        selector:
          matchLabels:
            app: web
      """;

  /** A Compose file that follows every rule outside development. */
  static final String GOOD_COMPOSE =
      """
      services:
        web:
          image: ghcr.io/acme/web:1.2.3
          user: "10001:10001"
          read_only: true
          cap_drop: [ALL]
          security_opt: [no-new-privileges:true]
          tmpfs: [/tmp]
          ports: ["127.0.0.1:8080:8080"]
          volumes:
            - {type: volume, source: web-data, target: /data}
          secrets: [db-password]
          labels:
            app: web
          environment:
            LOG_LEVEL: info
            DB_PASSWORD_FILE: /run/secrets/db-password
          healthcheck:
            test: [CMD, wget, -q, -O, /dev/null, http://127.0.0.1:8080/ready]
          deploy:
            resources:
              limits: {cpus: "0.5", memory: 128m}
              reservations: {cpus: "0.1", memory: 128m}
      volumes:
        web-data: {}
      secrets:
        db-password:
          file: ${DB_PASSWORD_FILE:?set DB_PASSWORD_FILE}
      """;

  @Test
  void theGoodStackPassesEveryRuleOutsideDevelopmentAndInIt() {
    for (boolean development : new boolean[] {false, true}) {
      PolicyInput input = input(GOOD, GOOD_COMPOSE, development);
      for (PolicyRule rule : PolicyRules.ALL) {
        assertThat(rule.check(input)).as(rule.id()).isEmpty();
      }
    }
  }

  @Test
  void everyRuleHasAUniqueIdAndADescription() {
    assertThat(PolicyRules.ids()).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z-]+"));
    assertThat(PolicyRules.ALL).allMatch(rule -> rule.description().endsWith("."));
  }

  /**
   * One change to the good manifests breaks one rule. Columns: rule, text to replace, replacement,
   * object, field (a prefix of the reported field), a word of the message.
   */
  @ParameterizedTest(name = "{0}: {6}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      pod-security-restricted | allowPrivilegeEscalation: false | allowPrivilegeEscalation: true | Deployment/web | spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation | Privilege Escalation | privilege escalation allowed
      pod-security-restricted | drop: [ALL] | drop: [NET_RAW] | Deployment/web | spec.template.spec.containers[0].securityContext.capabilities.drop | drop ALL | capabilities not dropped
      pod-security-restricted | drop: [ALL] | drop: [ALL]\\n              add: [SYS_ADMIN] | Deployment/web | spec.template.spec.containers[0].securityContext.capabilities.add[0] | SYS_ADMIN | capability added
      pod-security-restricted | runAsUser: 10001 | runAsUser: 0 | Deployment/web | spec.template.spec.containers[0].securityContext.runAsUser | user 0 | root user
      pod-security-restricted | runAsNonRoot: true | runAsNonRoot: false | Deployment/web | spec.template.spec.securityContext.runAsNonRoot | Non-root | runAsNonRoot false
      pod-security-restricted | type: RuntimeDefault | type: Unconfined | Deployment/web | spec.template.spec.securityContext.seccompProfile.type | Unconfined | seccomp unconfined
      pod-security-restricted | automountServiceAccountToken: false | hostNetwork: true | Deployment/web | spec.template.spec.hostNetwork | Host Namespaces | host network
      pod-security-restricted | emptyDir: {} | hostPath: {path: /var} | Deployment/web | spec.template.spec.volumes[0].hostPath | Volume Types | hostPath volume
      pod-security-restricted | readOnlyRootFilesystem: true | readOnlyRootFilesystem: false | Deployment/web | spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem | Read-only root filesystem | writable root
      pod-security-restricted | readOnlyRootFilesystem: true | privileged: true | Deployment/web | spec.template.spec.containers[0].securityContext.privileged | Privileged | privileged
      pod-security-restricted | containerPort: 8080 | containerPort: 8080\\n              hostPort: 8080 | Deployment/web | spec.template.spec.containers[0].ports[0].hostPort | Host Ports | host port
      pod-security-restricted | readOnlyRootFilesystem: true | procMount: Unmasked | Deployment/web | spec.template.spec.containers[0].securityContext.procMount | /proc | proc mount
      pod-security-restricted | readOnlyRootFilesystem: true | seLinuxOptions: {type: spc_t} | Deployment/web | spec.template.spec.containers[0].securityContext.seLinuxOptions.type | SELinux | selinux type
      pod-security-restricted | readOnlyRootFilesystem: true | appArmorProfile: {type: Unconfined} | Deployment/web | spec.template.spec.containers[0].securityContext.appArmorProfile.type | AppArmor | apparmor
      pod-security-restricted | runAsNonRoot: true | runAsNonRoot: true\\n        sysctls: [{name: kernel.msgmax, value: "1"}] | Deployment/web | spec.template.spec.securityContext.sysctls[0].name | Sysctls | unsafe sysctl
      pod-security-restricted | readOnlyRootFilesystem: true | windowsOptions: {hostProcess: true} | Deployment/web | spec.template.spec.containers[0].securityContext.windowsOptions.hostProcess | HostProcess | host process
      requests-and-limits | limits: {cpu: 500m, memory: 128Mi} | limits: {cpu: 500m} | Deployment/web | spec.template.spec.containers[0].resources.limits.memory | memory limit | no memory limit
      requests-and-limits | requests: {cpu: 100m, memory: 128Mi} | requests: {memory: 128Mi} | Deployment/web | spec.template.spec.containers[0].resources.requests.cpu | cpu request | no cpu request
      probes | livenessProbe: | startupProbe: | Deployment/web | spec.template.spec.containers[0].livenessProbe | livenessProbe | no liveness probe
      probes | readinessProbe: | startupProbe: | Deployment/web | spec.template.spec.containers[0].readinessProbe | readinessProbe | no readiness probe
      pinned-images | image: ghcr.io/acme/web:1.2.3 | image: ghcr.io/acme/web:latest | Deployment/web | spec.template.spec.containers[0].image | not pinned | latest tag
      pinned-images | image: ghcr.io/acme/web:1.2.3 | image: ghcr.io/acme/web | Deployment/web | spec.template.spec.containers[0].image | not pinned | no tag
      pinned-images | image: ghcr.io/acme/web:1.2.3 | image: localhost:5000/web | Deployment/web | spec.template.spec.containers[0].image | not pinned | registry port but no tag
      pod-disruption-budget | maxUnavailable: 1 | maxUnavailable: 0 | PodDisruptionBudget/web | spec.maxUnavailable | no disruption | budget allows nothing
      pod-disruption-budget | maxUnavailable: 1 | minAvailable: 2 | PodDisruptionBudget/web | spec.minAvailable | no disruption | budget keeps every replica
      pod-disruption-budget | maxUnavailable: 1 | minAvailable: "90%" | PodDisruptionBudget/web | spec.minAvailable | no disruption | percentage rounds up to every replica
      pod-disruption-budget | maxUnavailable: 1 | maxUnavailable: "0%" | PodDisruptionBudget/web | spec.maxUnavailable | no disruption | zero percent
      pod-disruption-budget | kind: PodDisruptionBudget | kind: Unrelated | Deployment/web | spec.replicas | no PodDisruptionBudget | no budget
      no-literal-secrets | LOG_LEVEL: info | DB_PASSWORD: hunter2 | ConfigMap/web-env | data.DB_PASSWORD | credential | password in a ConfigMap
      no-literal-secrets | LOG_LEVEL: info | DATABASE_URL: "postgres://app:hunter2@db/app" | ConfigMap/web-env | data.DATABASE_URL | credential | password inside a URL
      no-literal-secrets | - name: API_TOKEN_FILE\\n              value: /run/secrets/api-token | - name: API_TOKEN\\n              value: s3cr3t | Deployment/web | spec.template.spec.containers[0].env[0].value | credential | token in env
      service-selects-pods | app: web\\n  ports: | app: api\\n  ports: | Service/web | spec.selector | no pod template | selector matches nothing
      service-target-ports | targetPort: http | targetPort: https | Service/web | spec.ports[0].targetPort | https | named target port missing
      service-target-ports | port: 9090 | port: 9091 | Service/web | spec.ports[1].targetPort | 9091 | numeric port missing
      service-target-ports | port: 9090 | port: 9090\\n      protocol: UDP | Service/web | spec.ports[1].targetPort | UDP port 9090 | protocol differs
      references-resolve | name: web-env\\n  namespace: shop | name: other-env\\n  namespace: shop | Deployment/web | spec.template.spec.containers[0].envFrom[0].configMapRef | ConfigMap web-env | missing ConfigMap
      references-resolve | emptyDir: {} | csi: {driver: secrets-store.csi.k8s.io, nodePublishSecretRef: {name: vault-token}} | Deployment/web | spec.template.spec.volumes[0].csi.nodePublishSecretRef | vault-token | CSI volume secret missing
      references-resolve | secretName: db-credentials | secretName: unknown-credentials | Deployment/web | spec.template.spec.volumes[1].secret | external Secrets | Secret neither created nor external
      references-resolve | - name: tmp\\n              mountPath | - name: scratch\\n              mountPath | Deployment/web | spec.template.spec.containers[0].volumeMounts[0].name | scratch | mount of an undefined volume
      default-deny-network-policy | policyTypes: [Ingress, Egress] | policyTypes: [Ingress] | Namespace/shop | '' | egress | egress not denied
      default-deny-network-policy | podSelector: {} | 'podSelector: {matchLabels: {app: web}}' | Namespace/shop | '' | ingress and egress | policy selects some pods only
      bounded-address-ranges | cidr: 10.0.0.1/32 | cidr: 0.0.0.0/0 | NetworkPolicy/web-api | spec | more than a /16 | egress to every address
      bounded-address-ranges | cidr: 10.0.0.1/32 | cidr: 128.0.0.0/1 | NetworkPolicy/web-api | spec | more than a /16 | half the internet
      bounded-address-ranges | cidr: 10.0.0.1/32 | cidr: 8.0.0.0/8 | NetworkPolicy/web-api | spec | more than a /16 | a public /8
      bounded-address-ranges | cidr: 10.0.0.1/32 | cidr: '::/0' | NetworkPolicy/web-api | spec | /48 | every IPv6 address
      bounded-address-ranges | set_real_ip_from 10.48.0.0/14 | set_real_ip_from 0.0.0.0/0 | ConfigMap/web-conf | data.nginx.conf | forge its address | nginx trusts every address as a proxy
      """)
  void oneChangeBreaksOneRule(
      String rule, String from, String to, String object, String field, String word, String what) {
    String bad = replace(GOOD, from, to);
    PolicyInput input = input(bad, GOOD_COMPOSE, false);

    List<Violation> violations = PolicyRules.find(rule).orElseThrow().check(input);

    assertThat(violations)
        .as(what)
        .anySatisfy(
            v -> {
              assertThat(v.object()).isEqualTo(object);
              assertThat(v.field()).startsWith(field);
              assertThat(v.message()).contains(word);
            });
    for (PolicyRule other : PolicyRules.ALL) {
      if (!other.id().equals(rule)) {
        assertThat(other.check(input)).as(what + ": only " + rule + " breaks").isEmpty();
      }
    }
  }

  @ParameterizedTest(name = "{0}: {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      pinned-images | image: ghcr.io/acme/web:1.2.3 | image: ghcr.io/acme/web:latest | services.web.image | Compose image latest
      probes | healthcheck: | x-healthcheck: | services.web.healthcheck | Compose service without health check
      requests-and-limits | limits: {cpus: "0.5", memory: 128m} | limits: {cpus: "0.5"} | services.web.deploy.resources.limits.memory | Compose service without memory limit
      no-literal-secrets | LOG_LEVEL: info | API_KEY: abc123 | services.web.environment.API_KEY | Compose credential in environment
      no-literal-secrets | file: ${DB_PASSWORD_FILE:?set DB_PASSWORD_FILE} | file: ./secrets/db-password | secrets.db-password.file | Compose secret file in dist
      pod-security-restricted | read_only: true | read_only: true\\n    privileged: true | services.web.privileged | Compose privileged
      pod-security-restricted | read_only: true | read_only: true\\n    privileged: "true" | services.web.privileged | Compose privileged as text
      pod-security-restricted | cap_drop: [ALL] | cap_drop: [ALL]\\n    cap_add: [SYS_ADMIN] | services.web.cap_add[0] | Compose capability added
      pod-security-restricted | cap_drop: [ALL] | cap_drop: [ALL]\\n    cap_add: [NET_BIND_SERVICE] | services.web.cap_add[0] | Compose any capability added
      pod-security-restricted | cap_drop: [ALL] | cap_drop: [NET_RAW] | services.web.cap_drop | Compose capabilities not all dropped
      pod-security-restricted | cap_drop: [ALL] | x-cap_drop: [ALL] | services.web.cap_drop | Compose no cap_drop
      pod-security-restricted | security_opt: [no-new-privileges:true] | security_opt: [apparmor:docker-default] | services.web.security_opt | Compose no no-new-privileges
      pod-security-restricted | security_opt: [no-new-privileges:true] | security_opt: [no-new-privileges:true, no-new-privileges:false] | services.web.security_opt[1] | Compose no-new-privileges false
      pod-security-restricted | security_opt: [no-new-privileges:true] | security_opt: [no-new-privileges:true, seccomp:unconfined] | services.web.security_opt[1] | Compose seccomp unconfined
      pod-security-restricted | security_opt: [no-new-privileges:true] | security_opt: [no-new-privileges:true, seccomp=unconfined] | services.web.security_opt[1] | Compose seccomp unconfined with =
      pod-security-restricted | security_opt: [no-new-privileges:true] | security_opt: [no-new-privileges:true, apparmor:unconfined] | services.web.security_opt[1] | Compose apparmor unconfined
      pod-security-restricted | security_opt: [no-new-privileges:true] | security_opt: [no-new-privileges:true, label:disable] | services.web.security_opt[1] | Compose SELinux disabled
      pod-security-restricted | security_opt: [no-new-privileges:true] | security_opt: [no-new-privileges:true, "label:type:spc_t"] | services.web.security_opt[1] | Compose SELinux super-privileged type
      pod-security-restricted | security_opt: [no-new-privileges:true] | security_opt: [no-new-privileges:true, systempaths=unconfined] | services.web.security_opt[1] | Compose /proc unmasked
      pod-security-restricted | read_only: true | read_only: true\\n    network_mode: host | services.web.network_mode | Compose host network
      pod-security-restricted | read_only: true | read_only: true\\n    network_mode: "container:other" | services.web.network_mode | Compose network of an outside container
      pod-security-restricted | read_only: true | read_only: true\\n    pid: host | services.web.pid | Compose host pid
      pod-security-restricted | read_only: true | read_only: true\\n    ipc: host | services.web.ipc | Compose host ipc
      pod-security-restricted | read_only: true | read_only: true\\n    uts: host | services.web.uts | Compose host uts
      pod-security-restricted | read_only: true | read_only: true\\n    userns_mode: host | services.web.userns_mode | Compose host user namespace
      pod-security-restricted | read_only: true | read_only: true\\n    cgroup: host | services.web.cgroup | Compose host cgroup namespace
      pod-security-restricted | type: volume, source: web-data | type: bind, source: / | services.web.volumes[0] | Compose bind mount
      pod-security-restricted | type: volume, source: web-data | source: / | services.web.volumes[0] | Compose mount without a type
      pod-security-restricted | - {type: volume, source: web-data, target: /data} | - /:/host | services.web.volumes[0] | Compose bind mount short syntax
      pod-security-restricted | - {type: volume, source: web-data, target: /data} | - ./data:/data:ro | services.web.volumes[0] | Compose relative bind mount
      pod-security-restricted | - {type: volume, source: web-data, target: /data} | - ~/data:/data | services.web.volumes[0] | Compose home bind mount
      pod-security-restricted | - {type: volume, source: web-data, target: /data} | - "${HOST_DIR}:/data" | services.web.volumes[0] | Compose interpolated bind mount
      pod-security-restricted | web-data: {} | 'web-data: {driver_opts: {type: none, o: bind, device: /etc}}' | services.web.volumes[0] | Compose named volume that binds a host path
      pod-security-restricted | web-data: {} | 'web-data: {driver_opts: {type: none, o: "rbind,ro", device: /}}' | services.web.volumes[0] | Compose named volume that binds a host path recursively
      pod-security-restricted | read_only: true | read_only: true\\n    devices: ["/dev/sda:/dev/sda"] | services.web.devices | Compose host device
      pod-security-restricted | user: "10001:10001" | x-user: "10001:10001" | services.web.user | Compose no user
      pod-security-restricted | user: "10001:10001" | user: "0:0" | services.web.user | Compose root user and group
      pod-security-restricted | user: "10001:10001" | user: "0" | services.web.user | Compose root user
      pod-security-restricted | user: "10001:10001" | user: 0 | services.web.user | Compose root user as a number
      pod-security-restricted | user: "10001:10001" | user: root | services.web.user | Compose root user by name
      pod-security-restricted | user: "10001:10001" | user: "root:10001" | services.web.user | Compose root user by name with a group
      pod-security-restricted | read_only: true | read_only: false | services.web.read_only | Compose writable root
      pod-security-restricted | read_only: true | x-read_only: true | services.web.read_only | Compose no read_only
      pod-security-restricted | "127.0.0.1:8080:8080" | "8080:8080" | services.web.ports[0] | Compose port on every interface
      pod-security-restricted | "127.0.0.1:8080:8080" | "0.0.0.0:80:8080" | services.web.ports[0] | Compose port on 0.0.0.0
      pod-security-restricted | "127.0.0.1:8080:8080" | "8080" | services.web.ports[0] | Compose port with an ephemeral host port
      pod-security-restricted | "127.0.0.1:8080:8080" | 8080 | services.web.ports[0] | Compose port as a number
      pod-security-restricted | "127.0.0.1:8080:8080" | "10.0.0.5:8080:8080/tcp" | services.web.ports[0] | Compose port on another address
      pod-security-restricted | "127.0.0.1:8080:8080" | {target: 8080, published: "8080"} | services.web.ports[0] | Compose long port without host_ip
      pod-security-restricted | "127.0.0.1:8080:8080" | {target: 8080, published: "8080", host_ip: 0.0.0.0} | services.web.ports[0] | Compose long port on every interface
      pod-security-restricted | read_only: true | read_only: true\\n    sysctls: {kernel.msgmax: 65536} | services.web.sysctls.kernel.msgmax | Compose unsafe sysctl
      pod-security-restricted | read_only: true | read_only: true\\n    sysctls: [net.core.somaxconn=1024] | services.web.sysctls.net.core.somaxconn | Compose unsafe sysctl as a list
      """)
  void oneChangeToTheComposeFileBreaksOneRule(
      String rule, String from, String to, String field, String what) {
    PolicyInput input = input(GOOD, replace(GOOD_COMPOSE, from, to), false);

    assertThat(PolicyRules.find(rule).orElseThrow().check(input))
        .as(what)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.file()).isEqualTo("compose/compose.yaml");
              assertThat(v.object()).startsWith("Compose");
              assertThat(v.field()).isEqualTo(field);
            });
  }

  /** Compose settings that keep a service confined: each passes the restricted profile. */
  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      read_only: true | read_only: true\\n    privileged: false | not privileged
      read_only: true | read_only: "true" | read-only as text
      cap_drop: [ALL] | cap_drop: [all, NET_RAW] | ALL in any case among others
      security_opt: [no-new-privileges:true] | security_opt: [no-new-privileges=true] | no-new-privileges with =
      security_opt: [no-new-privileges:true] | security_opt: [no-new-privileges] | no-new-privileges alone
      security_opt: [no-new-privileges:true] | security_opt: [no-new-privileges:true, "seccomp:/etc/docker/seccomp.json", apparmor:docker-default, "label:type:container_t"] | confining profiles
      read_only: true | read_only: true\\n    network_mode: "service:proxy" | network of another service of the file
      - {type: volume, source: web-data, target: /data} | - web-data:/data:ro | named volume short syntax
      - {type: volume, source: web-data, target: /data} | - /data | anonymous volume
      - {type: volume, source: web-data, target: /data} | - {type: tmpfs, target: /cache} | tmpfs mount
      web-data: {} | 'web-data: {driver: local, driver_opts: {type: tmpfs, device: tmpfs, o: "size=64m"}}' | named volume with driver options that bind nothing
      user: "10001:10001" | user: "10001" | numeric user without a group
      user: "10001:10001" | user: 101 | numeric user as a number
      user: "10001:10001" | user: "10001:0" | non-root user in the root group
      "127.0.0.1:8080:8080" | "127.0.0.1::8080" | loopback with an ephemeral host port
      "127.0.0.1:8080:8080" | "[::1]:8080:8080/tcp" | IPv6 loopback in brackets
      "127.0.0.1:8080:8080" | "::1:8080:8080" | IPv6 loopback
      "127.0.0.1:8080:8080" | {target: 8080, published: "8080", host_ip: 127.0.0.1} | long syntax on loopback
      read_only: true | read_only: true\\n    sysctls: {net.ipv4.ip_unprivileged_port_start: 80} | safe sysctl
      read_only: true | read_only: true\\n    expose: ["9090"] | a port exposed to other services only
      """)
  void aConfinedComposeServicePasses(String from, String to, String what) {
    String compose = replace(GOOD_COMPOSE, from, to);

    assertThat(rule("pod-security-restricted").check(input(GOOD, compose, false)))
        .as(what)
        .isEmpty();
  }

  /**
   * As on Kubernetes, where the reason is an annotation of the pod, the model's reason allows it.
   */
  @Test
  void aWritableRootPassesOnlyWithItsReasonInALabel() {
    String writable = replace(GOOD_COMPOSE, "read_only: true", "read_only: false");
    String reason = "stackwright.io/writable-root-reason";
    PolicyRule rule = rule("pod-security-restricted");

    assertThat(rule.check(input(GOOD, writable, false)))
        .extracting(Violation::field)
        .containsExactly("services.web.read_only");
    for (String labels :
        List.of(
            "labels:\n      " + reason + ": writes its cache beside its code",
            "labels: [\"app=web\", \"" + reason + "=writes its cache beside its code\"]")) {
      assertThat(
              rule.check(input(GOOD, replace(writable, "labels:\n      app: web", labels), false)))
          .as(labels)
          .isEmpty();
    }
    for (String empty : List.of(reason + ": \"\"", reason + ": \" \"", "other-reason: x")) {
      assertThat(
              rule.check(
                  input(GOOD, replace(writable, "app: web", "app: web\n      " + empty), false)))
          .as(empty)
          .extracting(Violation::field)
          .containsExactly("services.web.read_only");
    }
  }

  @Test
  void everyLooseningOfAComposeServiceIsReportedAtOnce() {
    String loose =
        replace(
            GOOD_COMPOSE,
            "read_only: true",
            "read_only: false\n    privileged: true\n    network_mode: host\n    pid: host");

    assertThat(rule("pod-security-restricted").check(input(GOOD, loose, false)))
        .extracting(Violation::object, Violation::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ComposeService/web", "services.web.privileged"),
            org.assertj.core.groups.Tuple.tuple("ComposeService/web", "services.web.read_only"),
            org.assertj.core.groups.Tuple.tuple("ComposeService/web", "services.web.network_mode"),
            org.assertj.core.groups.Tuple.tuple("ComposeService/web", "services.web.pid"));
  }

  @Test
  void developmentMayFloatImagesAndShipMarkedSecrets() {
    String devSecret =
        GOOD
            + """
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: db-credentials
              namespace: shop
            stringData:
              password: dev-only-not-secret-db-password
            """;
    String floating = replace(devSecret, "image: ghcr.io/acme/web:1.2.3", "image: web:latest");

    assertThat(rule("pinned-images").check(input(floating, GOOD_COMPOSE, true))).isEmpty();
    assertThat(rule("no-literal-secrets").check(input(floating, GOOD_COMPOSE, true))).isEmpty();
    assertThat(rule("no-literal-secrets").check(input(floating, GOOD_COMPOSE, false)))
        .extracting(Violation::object, Violation::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Secret/db-credentials", "stringData"));
  }

  @Test
  void aSecretTheStackCreatesNeedsTheKeysItsPodsRead() {
    String created =
        GOOD
            + """
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: db-credentials
              namespace: shop
            stringData:
              username: app
            """;

    assertThat(rule("references-resolve").check(input(created, GOOD_COMPOSE, true)))
        .singleElement()
        .satisfies(
            v -> assertThat(v.message()).contains("reads key password").contains("only username"));
  }

  @Test
  void aNamespaceWideAllowAllUndoesTheDefaultDeny() {
    String open =
        GOOD
            + """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: allow-all
              namespace: shop
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
              ingress: [{}]
              egress: [{ports: [{port: 443}]}]
            """;

    assertThat(rule("default-deny-network-policy").check(input(open, GOOD_COMPOSE, false)))
        .extracting(v -> v.object() + " " + v.field())
        .containsExactly(
            "NetworkPolicy/allow-all spec.ingress[0]", "NetworkPolicy/allow-all spec.egress[0]");
  }

  @Test
  void aDeveloperMayOpenAddressRangesButAPrivateNetworkNeedsNoWaiver() {
    String open = replace(GOOD, "cidr: 10.0.0.1/32", "cidr: 0.0.0.0/0");

    assertThat(rule("bounded-address-ranges").check(input(open, GOOD_COMPOSE, true))).isEmpty();
  }

  @Test
  void rangesAreJudgedTogetherAndPrivateNetworksPass() {
    List<String> everySlash8 = new java.util.ArrayList<>();
    for (int i = 1; i < 224; i++) {
      if (i != 10 && i != 127) {
        everySlash8.add(i + ".0.0.0/8");
      }
    }
    assertThat(io.stackwright.model.AddressRanges.problem(everySlash8)).contains("public IPv4");
    assertThat(
            io.stackwright.model.AddressRanges.problem(
                List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10")))
        .isNull();
    assertThat(io.stackwright.model.AddressRanges.problem(List.of("fd00::/8", "fe80::/10")))
        .isNull();
    assertThat(
            io.stackwright.model.AddressRanges.problem(List.of("203.0.113.0/24", "172.21.0.2/32")))
        .isNull();
    assertThat(io.stackwright.model.AddressRanges.problem(List.of("2600::/8"))).contains("/48");
    assertThat(io.stackwright.model.AddressRanges.problem(List.of("8.8.0.0/16", "8.9.0.0/16")))
        .contains("span 131072 public IPv4 addresses together");
  }

  @Test
  void twoBudgetsOverTheSamePodsBlockEveryEviction() {
    String twice =
        GOOD
            + """
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: web-again
              namespace: shop
            spec:
              maxUnavailable: 1
              selector:
                matchLabels:
                  app: web
            """;

    assertThat(rule("pod-disruption-budget").check(input(twice, GOOD_COMPOSE, false)))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.message())
                    .contains("2 PodDisruptionBudgets select its pods")
                    .contains("PodDisruptionBudget/web-again"));
  }

  @Test
  void aBudgetIsJudgedAtTheAutoscalersMinimum() {
    String scaled =
        replace(GOOD, "maxUnavailable: 1", "minAvailable: 5")
            + """
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: web
              namespace: shop
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              minReplicas: 2
              maxReplicas: 10
            """;

    assertThat(rule("pod-disruption-budget").check(input(scaled, GOOD_COMPOSE, false)))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("runs 2 replicas"));
  }

  @Test
  void anAutoscalerCountsItsMaximumTowardsTheBudget() {
    String scaled =
        replace(GOOD, "replicas: 2", "replicas: 1").replace("kind: PodDisruptionBudget", "kind: X")
            + """
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: web
              namespace: shop
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              minReplicas: 1
              maxReplicas: 4
            """;

    assertThat(rule("pod-disruption-budget").check(input(scaled, GOOD_COMPOSE, false)))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("up to 4 replicas"));
  }

  @Test
  void aJobNeedsNoProbesButItsPodsMeetTheRestrictedProfile() {
    String job =
        """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: migrate
          namespace: shop
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
                - name: migrate
                  image: ghcr.io/acme/migrate:1.0.0
                  resources:
                    requests: {cpu: 100m, memory: 64Mi}
                    limits: {cpu: 100m, memory: 64Mi}
        """;
    PolicyInput input = input(GOOD + "---\n" + job, GOOD_COMPOSE, false);

    assertThat(rule("probes").check(input)).isEmpty();
    assertThat(rule("pod-security-restricted").check(input))
        .extracting(Violation::field)
        .containsExactlyInAnyOrder(
            "spec.template.spec.containers[0].securityContext.capabilities.drop",
            "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation",
            "spec.template.spec.containers[0].securityContext.seccompProfile.type",
            "spec.template.spec.containers[0].securityContext.runAsNonRoot",
            "spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem");
  }

  @Test
  void aComposeServiceCannotJoinTheHostNetworkThroughADeclaredNetwork() {
    String viaExternal =
        GOOD_COMPOSE.replace("read_only: true", "read_only: true\n    networks: [hostnet]")
            + "networks:\n  hostnet: {external: true, name: host}\n";
    String viaDriver =
        GOOD_COMPOSE.replace("read_only: true", "read_only: true\n    networks: {lan: {}}")
            + "networks:\n  lan: {driver: host}\n";
    String ownNetwork =
        GOOD_COMPOSE.replace("read_only: true", "read_only: true\n    networks: [lan]")
            + "networks:\n  lan: {internal: true}\n";

    for (String compose : List.of(viaExternal, viaDriver)) {
      assertThat(rule("pod-security-restricted").check(input(GOOD, compose, false)))
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.field()).isEqualTo("services.web.networks");
                assertThat(v.message()).contains("host's network");
              });
    }
    assertThat(rule("pod-security-restricted").check(input(GOOD, ownNetwork, false))).isEmpty();
  }

  @Test
  void aWritableRootFilesystemTakesAStatedReasonInThePodAnnotation() {
    String writable = GOOD.replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false");
    String withReason =
        writable.replace(
            "    metadata:\n      labels:\n        app: web\n",
            "    metadata:\n      annotations:\n        "
                + "stackwright.io/writable-root-reason: \"the image writes its own config\"\n"
                + "      labels:\n        app: web\n");
    String blankReason = withReason.replace("\"the image writes its own config\"", "\" \"");

    assertThat(withReason).isNotEqualTo(writable);
    assertThat(rule("pod-security-restricted").check(input(withReason, GOOD_COMPOSE, false)))
        .isEmpty();
    assertThat(rule("pod-security-restricted").check(input(blankReason, GOOD_COMPOSE, false)))
        .extracting(Violation::field)
        .containsExactly("spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem");
    String windows =
        writable.replace(
            "automountServiceAccountToken: false",
            "automountServiceAccountToken: false\n      os: {name: windows}");
    assertThat(windows).isNotEqualTo(writable);
    assertThat(rule("pod-security-restricted").check(input(windows, GOOD_COMPOSE, false)))
        .as("Windows pods cannot set a read-only root")
        .extracting(Violation::field)
        .noneMatch(field -> field.endsWith("readOnlyRootFilesystem"));
  }

  @Test
  void credentialNamesAreRecognisedAndReferencesToThemAreNot() {
    assertThat(NoLiteralSecrets.isLiteralCredential("DB_PASSWORD", "x", true)).isTrue();
    assertThat(NoLiteralSecrets.isLiteralCredential("stripeApiKey", "x", true)).isTrue();
    assertThat(NoLiteralSecrets.isLiteralCredential("GITHUB_TOKEN", "x", true)).isTrue();
    assertThat(NoLiteralSecrets.isLiteralCredential("DB_PASSWORD_FILE", "x", true)).isFalse();
    assertThat(NoLiteralSecrets.isLiteralCredential("SECRET_NAME", "x", true)).isFalse();
    assertThat(NoLiteralSecrets.isLiteralCredential("AWS_ACCESS_KEY_ID", "x", true)).isFalse();
    assertThat(NoLiteralSecrets.isLiteralCredential("DB_PASSWORD", "", true)).isFalse();
    assertThat(NoLiteralSecrets.isLiteralCredential("DB_PASSWORD", "${DB_PASSWORD}", true))
        .isFalse();
    assertThat(NoLiteralSecrets.isLiteralCredential("LOG_LEVEL", "debug", true)).isFalse();
    // A default is a literal; Kubernetes never substitutes ${...}.
    assertThat(NoLiteralSecrets.isLiteralCredential("DB_PASSWORD", "${DB_PASSWORD:-hunter2}", true))
        .isTrue();
    assertThat(NoLiteralSecrets.isLiteralCredential("DB_PASSWORD", "${DB_PASSWORD:?set it}", true))
        .isFalse();
    assertThat(NoLiteralSecrets.isLiteralCredential("DB_PASSWORD", "${x}hunter2", true)).isTrue();
    assertThat(NoLiteralSecrets.isLiteralCredential("DB_PASSWORD", "${DB_PASSWORD}", false))
        .isTrue();
    assertThat(NoLiteralSecrets.isLiteralCredential("DB_PASSWORD", "$(ROOT_PASSWORD)", false))
        .isFalse();
  }

  @Test
  void theSysctlsThatV133AllowsPass() {
    String tuned =
        replace(
            GOOD,
            "runAsNonRoot: true",
            "runAsNonRoot: true\n        sysctls: [{name: net.ipv4.tcp_rmem, value: \"4096 87380 6291456\"},"
                + " {name: net.ipv4.tcp_wmem, value: \"4096 16384 4194304\"}]");

    assertThat(rule("pod-security-restricted").check(input(tuned, GOOD_COMPOSE, false))).isEmpty();
  }

  @Test
  void aCredentialInsideAValueIsFound() {
    assertThat(NoLiteralSecrets.embedsCredential("db.user=app\ndb.password=hunter2\n")).isTrue();
    assertThat(NoLiteralSecrets.embedsCredential("postgres://app:hunter2@db:5432/app")).isTrue();
    assertThat(NoLiteralSecrets.embedsCredential("-----BEGIN RSA PRIVATE KEY-----\nMII")).isTrue();
    assertThat(NoLiteralSecrets.embedsCredential("password_encryption = scram-sha-256")).isFalse();
    assertThat(NoLiteralSecrets.embedsCredential("postgres://db:5432/app")).isFalse();
    assertThat(NoLiteralSecrets.embedsCredential("password_file=/run/secrets/db")).isFalse();
    assertThat(NoLiteralSecrets.embedsCredential("password=${DB_PASSWORD}")).isFalse();
  }

  private static PolicyRule rule(String id) {
    return PolicyRules.find(id).orElseThrow();
  }

  private static String replace(String text, String from, String to) {
    String target = from.replace("\\n", "\n");
    assertThat(text).contains(target);
    return text.replace(target, to.replace("\\n", "\n"));
  }

  @SuppressWarnings("unchecked")
  static PolicyInput input(String manifests, String compose, boolean development) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<KubeObject> objects = new ArrayList<>();
    for (Object document : yaml.loadAll(manifests)) {
      objects.add(new KubeObject("stack.yaml", (Map<String, Object>) document));
    }
    return new PolicyInput(
        objects,
        "compose/compose.yaml",
        (Map<String, Object>) yaml.load(compose),
        development,
        Set.of("db-credentials"));
  }
}
