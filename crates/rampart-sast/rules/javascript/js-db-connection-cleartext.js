const { Sequelize } = require("sequelize");

// ruleid: js-db-connection-cleartext
const db = new Sequelize("shop", "app", process.env.DB_PASSWORD, {
  host: "db.internal.example",
  dialect: "postgres",
});

// ok: js-db-connection-cleartext
const secure = new Sequelize("shop", "app", process.env.DB_PASSWORD, {
  host: "db.internal.example",
  dialect: "postgres",
  dialectOptions: { ssl: { require: true, rejectUnauthorized: true } },
});

module.exports = {
  // ruleid: js-db-connection-cleartext
  production: {
    username: "app",
    database: "shop",
    dialect: "mysql",
    host: "mysql.internal.example",
  },
  // ok: js-db-connection-cleartext
  test: {
    dialect: "sqlite",
    storage: ":memory:",
  },
};
