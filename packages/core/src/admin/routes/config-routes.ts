import { categorySchema } from '../../catalog/category';
import { RefractError } from '../../errors/refract-error';
import { ruleSetSchema } from '../../rules/rule-set-schema';
import type { AdminRoute } from '../admin-context';
import { json, parseWith, readBody } from '../admin-http';
import { z } from 'zod';

const looseObject = z.record(z.string(), z.unknown());

/** Categories (by key) and rule sets (by name), validated with the routing schemas. */
export const configRoutes: AdminRoute[] = [
  { method: 'GET', path: '/categories', access: 'admin', handle: async (context) => json({ object: 'list', data: await context.storage.listCategories() }) },
  {
    method: 'GET',
    path: '/categories/:key',
    access: 'admin',
    handle: async (context) => {
      const category = (await context.storage.listCategories()).find((entry) => entry.key === context.params['key']);
      if (!category) throw new RefractError('REFRACT_ERR_NOT_FOUND', `No category '${context.params['key']}'`);
      return json(category);
    },
  },
  {
    method: 'POST',
    path: '/categories',
    access: 'admin',
    handle: async (context) => {
      const category = await readBody(context.request, categorySchema, context.maxBodyBytes);
      if ((await context.storage.listCategories()).some((entry) => entry.key === category.key)) {
        throw new RefractError('REFRACT_ERR_ALREADY_EXISTS', `Category '${category.key}' already exists; use PUT /categories/${category.key}`);
      }
      await context.storage.putCategory(category);
      return json(category, 201);
    },
  },
  {
    method: 'PUT',
    path: '/categories/:key',
    access: 'admin',
    handle: async (context) => {
      const body = await readBody(context.request, looseObject, context.maxBodyBytes);
      const category = parseWith(categorySchema, { ...body, key: context.params['key'] }, 'category');
      await context.storage.putCategory(category);
      return json(category);
    },
  },
  {
    method: 'DELETE',
    path: '/categories/:key',
    access: 'admin',
    handle: async (context) => {
      const key = context.params['key'] ?? '';
      if (!(await context.storage.deleteCategory(key))) throw new RefractError('REFRACT_ERR_NOT_FOUND', `No category '${key}'`);
      return json({ key, deleted: true });
    },
  },
  { method: 'GET', path: '/rule-sets', access: 'admin', handle: async (context) => json({ object: 'list', data: await context.storage.listRuleSets() }) },
  {
    method: 'GET',
    path: '/rule-sets/:name',
    access: 'admin',
    handle: async (context) => {
      const ruleSet = await context.storage.getRuleSet(context.params['name'] ?? '');
      if (!ruleSet) throw new RefractError('REFRACT_ERR_NOT_FOUND', `No rule set '${context.params['name']}'`);
      return json(ruleSet);
    },
  },
  {
    method: 'POST',
    path: '/rule-sets',
    access: 'admin',
    handle: async (context) => {
      const ruleSet = await readBody(context.request, ruleSetSchema, context.maxBodyBytes);
      if (await context.storage.getRuleSet(ruleSet.name)) {
        throw new RefractError('REFRACT_ERR_ALREADY_EXISTS', `Rule set '${ruleSet.name}' already exists; use PUT /rule-sets/${encodeURIComponent(ruleSet.name)}`);
      }
      await context.storage.putRuleSet(ruleSet);
      return json(ruleSet, 201);
    },
  },
  {
    method: 'PUT',
    path: '/rule-sets/:name',
    access: 'admin',
    handle: async (context) => {
      const body = await readBody(context.request, looseObject, context.maxBodyBytes);
      const ruleSet = parseWith(ruleSetSchema, { ...body, name: context.params['name'] }, 'rule set');
      await context.storage.putRuleSet(ruleSet);
      return json(ruleSet);
    },
  },
  {
    method: 'DELETE',
    path: '/rule-sets/:name',
    access: 'admin',
    handle: async (context) => {
      const name = context.params['name'] ?? '';
      if (!(await context.storage.deleteRuleSet(name))) throw new RefractError('REFRACT_ERR_NOT_FOUND', `No rule set '${name}'`);
      return json({ name, deleted: true });
    },
  },
];
