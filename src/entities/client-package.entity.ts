import { Entity, ManyToOne, PrimaryKey, type Rel } from '@mikro-orm/core';
import { Client } from './client.entity';
import { Package } from './package.entity';
import { ClientData } from '../deletion/erasure-rules';

/** A restricted package made available to a client ("Set Packages"). No id in Blesta: surrogate integer id added. */
@ClientData({ category: 'Client account' })
@Entity({ tableName: 'client_packages' })
export class ClientPackage {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' })
  client!: Rel<Client>;

  @ManyToOne(() => Package, { fieldName: 'package_id', deleteRule: 'no action' })
  package!: Rel<Package>;
}
