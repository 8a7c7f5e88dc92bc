package main

import (
	"fmt"

	"github.com/go-pg/pg/v10"
)

type Book struct{ ID int }

func search(db *pg.DB, title string, sort string) {
	var books []Book
	// ruleid: go-sqli-orm-non-constant
	err := db.Model(&books).
		Where("published = ?", true).
		Where("title LIKE '%" + title + "%'").
		Select()
	// ruleid: go-sqli-orm-non-constant
	filter := fmt.Sprintf("title = '%s'", title)
	err = db.Model(&books).Where(filter).Select()
	// ok: go-sqli-orm-non-constant
	err = db.Model(&books).Where("title = ?", title).Order("id DESC").Select()
	fixed := "published = " + "true"
	// ok: go-sqli-orm-non-constant
	err = db.Model(&books).Where(fixed).Select()
	_ = err
}
