package dev.zdm.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The {@code zdm.*} properties: which migration, which tables, where the target is, and how the
 * relay, the backfill, the verifier, the data source and the guards behave. Every group has the
 * defaults of the library's builders, so an application sets the migration's name, its tables and
 * the target and nothing else.
 *
 * <p>Shadow reads ({@code zdm.shadow-reads.*}), the read canary ({@code zdm.canary.*}) and the
 * automatic rollback policy ({@code zdm.auto-rollback.*}) are off unless enabled; their figures
 * reach the endpoint through {@code MigrationStatus.instruments()}.
 *
 * <p>Bound once at start; what may change at runtime (phase, backfill pause) goes through the
 * endpoint or {@link ZdmMigration}. Not thread-safe while binding, read-only afterwards.
 */
@ConfigurationProperties("zdm")
public class ZdmProperties {

  /** Whether zdm is on. When false, no zdm bean is created and the data source is left as is. */
  private boolean enabled = true;

  /**
   * The migration's name: recorded in zdm's control table of both databases and put on every metric
   * as the migration tag. Letters, digits, '-' and '_'.
   */
  private String migration;

  /**
   * Whether to install zdm's tables and record the migration (phase OFF) in both databases when the
   * application starts. Idempotent; turn off where the schema is installed by a separate step.
   */
  private boolean installOnStartup = true;

  /** Prefix of zdm's own tables in both databases. */
  private String tablePrefix = "zdm_";

  /** Schema that holds zdm's own tables; the connection's default schema when empty. */
  private String zdmSchema;

  /** The tables to migrate, parents before children, each with its optional mapping. */
  private List<Table> tables = new ArrayList<>();

  /** The target database, when no bean is marked with {@code @ZdmTargetDataSource}. */
  private final Target target = new Target();

  /** The relays that carry captured changes (forward in DUAL_WRITE/SHADOW, reverse after). */
  @NestedConfigurationProperty private final RelayProperties relay = new RelayProperties();

  /** The backfill that copies the rows that existed before capture started. */
  @NestedConfigurationProperty private final BackfillProperties backfill = new BackfillProperties();

  /** The verifier that compares source and target chunk by chunk. */
  @NestedConfigurationProperty private final VerifierProperties verifier = new VerifierProperties();

  /** How the application's data source follows the phase. */
  @NestedConfigurationProperty private final PhaseProperties phase = new PhaseProperties();

  /** The bounds that advancing and switching authority check. */
  @NestedConfigurationProperty private final GuardProperties guards = new GuardProperties();

  /** Health thresholds. */
  @NestedConfigurationProperty private final HealthProperties health = new HealthProperties();

  /** Shadow reads in SHADOW: a sample of reads compared on the target. Off unless enabled. */
  @NestedConfigurationProperty
  private final ShadowReadsProperties shadowReads = new ShadowReadsProperties();

  /**
   * The read canary: a share of read-only transactions served by the target. Off unless enabled.
   */
  @NestedConfigurationProperty private final CanaryProperties canary = new CanaryProperties();

  /** The automatic rollback policy in TARGET_PRIMARY. Off unless enabled. */
  @NestedConfigurationProperty
  private final AutoRollbackProperties autoRollback = new AutoRollbackProperties();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getMigration() {
    return migration;
  }

  public void setMigration(String migration) {
    this.migration = migration;
  }

  public boolean isInstallOnStartup() {
    return installOnStartup;
  }

  public void setInstallOnStartup(boolean installOnStartup) {
    this.installOnStartup = installOnStartup;
  }

  public String getTablePrefix() {
    return tablePrefix;
  }

  public void setTablePrefix(String tablePrefix) {
    this.tablePrefix = tablePrefix;
  }

  public String getZdmSchema() {
    return zdmSchema;
  }

  public void setZdmSchema(String zdmSchema) {
    this.zdmSchema = zdmSchema;
  }

  public List<Table> getTables() {
    return tables;
  }

  public void setTables(List<Table> tables) {
    this.tables = tables;
  }

  public Target getTarget() {
    return target;
  }

  public RelayProperties getRelay() {
    return relay;
  }

  public BackfillProperties getBackfill() {
    return backfill;
  }

  public VerifierProperties getVerifier() {
    return verifier;
  }

  public PhaseProperties getPhase() {
    return phase;
  }

  public GuardProperties getGuards() {
    return guards;
  }

  public HealthProperties getHealth() {
    return health;
  }

  public ShadowReadsProperties getShadowReads() {
    return shadowReads;
  }

  public CanaryProperties getCanary() {
    return canary;
  }

  public AutoRollbackProperties getAutoRollback() {
    return autoRollback;
  }

  /** One migrated table and how its rows map onto the target. */
  public static class Table {

    /** The source table's name. */
    private String name;

    /** The source table's schema; the connection's default schema when empty. */
    private String sourceSchema;

    /** The target table's name; the source table's name when empty. */
    private String targetTable;

    /** The target table's schema; the connection's default schema when empty. */
    private String targetSchema;

    /** Column renames, source column name to target column name. */
    private Map<String, String> renames = new LinkedHashMap<>();

    /**
     * Source columns the target does not have. A table with dropped columns cannot be replicated
     * back, so rollback needs the target to keep them.
     */
    private List<String> drops = new ArrayList<>();

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getSourceSchema() {
      return sourceSchema;
    }

    public void setSourceSchema(String sourceSchema) {
      this.sourceSchema = sourceSchema;
    }

    public String getTargetTable() {
      return targetTable;
    }

    public void setTargetTable(String targetTable) {
      this.targetTable = targetTable;
    }

    public String getTargetSchema() {
      return targetSchema;
    }

    public void setTargetSchema(String targetSchema) {
      this.targetSchema = targetSchema;
    }

    public Map<String, String> getRenames() {
      return renames;
    }

    public void setRenames(Map<String, String> renames) {
      this.renames = renames;
    }

    public List<String> getDrops() {
      return drops;
    }

    public void setDrops(List<String> drops) {
      this.drops = drops;
    }
  }

  /** The target database's connection pool (HikariCP). */
  public static class Target {

    /** JDBC URL of the target database. */
    private String url;

    /** Login user of the target database. */
    private String username;

    /** Login password of the target database. Never logged. */
    private String password;

    /** JDBC driver class; detected from the URL when empty. */
    private String driverClassName;

    /** Settings of the target's HikariCP pool. */
    private final Hikari hikari = new Hikari();

    public String getUrl() {
      return url;
    }

    public void setUrl(String url) {
      this.url = url;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public String getDriverClassName() {
      return driverClassName;
    }

    public void setDriverClassName(String driverClassName) {
      this.driverClassName = driverClassName;
    }

    public Hikari getHikari() {
      return hikari;
    }
  }

  /** HikariCP settings of the target pool. */
  public static class Hikari {

    /** Name of the pool, as its threads and metrics show it. */
    private String poolName = "zdm-target";

    /** Most connections the target pool opens. */
    private int maximumPoolSize = 10;

    /** Fewest idle connections the pool keeps; the maximum pool size when negative. */
    private int minimumIdle = -1;

    /** How long a caller waits for a connection before failing. */
    private Duration connectionTimeout = Duration.ofSeconds(30);

    /** How long a connection may sit idle before it is closed. */
    private Duration idleTimeout = Duration.ofMinutes(10);

    /** Longest life of a connection in the pool. */
    private Duration maxLifetime = Duration.ofMinutes(30);

    public String getPoolName() {
      return poolName;
    }

    public void setPoolName(String poolName) {
      this.poolName = poolName;
    }

    public int getMaximumPoolSize() {
      return maximumPoolSize;
    }

    public void setMaximumPoolSize(int maximumPoolSize) {
      this.maximumPoolSize = maximumPoolSize;
    }

    public int getMinimumIdle() {
      return minimumIdle;
    }

    public void setMinimumIdle(int minimumIdle) {
      this.minimumIdle = minimumIdle;
    }

    public Duration getConnectionTimeout() {
      return connectionTimeout;
    }

    public void setConnectionTimeout(Duration connectionTimeout) {
      this.connectionTimeout = connectionTimeout;
    }

    public Duration getIdleTimeout() {
      return idleTimeout;
    }

    public void setIdleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
    }

    public Duration getMaxLifetime() {
      return maxLifetime;
    }

    public void setMaxLifetime(Duration maxLifetime) {
      this.maxLifetime = maxLifetime;
    }
  }
}
