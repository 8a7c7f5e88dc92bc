package main

import (
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

func configs(auth ssh.AuthMethod) {
	cfg := &ssh.ClientConfig{
		User: "deploy",
		Auth: []ssh.AuthMethod{auth},
		// ruleid: go-ssh-insecure-host-key
		HostKeyCallback: ssh.InsecureIgnoreHostKey(),
	}
	hosts, _ := knownhosts.New("/etc/ssh/ssh_known_hosts")
	// ok: go-ssh-insecure-host-key
	safe := &ssh.ClientConfig{User: "deploy", HostKeyCallback: hosts}
	_, _ = cfg, safe
}
